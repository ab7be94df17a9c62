import type { Instrumentation } from '@opentelemetry/instrumentation';
import { describe, expect, it } from 'vitest';
import { patchedFiles } from '../../src/instrumentations/patched-files.js';
import { HookedPackages } from '../../src/instrumentations/require-filter/hooked-packages.js';

const STORE = '/srv/app/node_modules/.pnpm';
const EXPRESS_FILE = `${STORE}/express@5.1.0/node_modules/express/lib/express.js`;
const QS_FILE = `${STORE}/qs@6.14.0/node_modules/qs/lib/index.js`;
const APP_FILE = '/srv/app/dist/main.js';

function hooked(...names: string[]): HookedPackages {
  const packages = new HookedPackages();
  for (const name of names) packages.add(name);
  return packages;
}

describe('HookedPackages.mayLoad', () => {
  const packages = hooked('express', '@nestjs/core', 'http', 'ws/lib/websocket.js');

  it.each([
    ['express', APP_FILE],
    ['express/lib/router', APP_FILE],
    ['@nestjs/core', APP_FILE],
    ['@nestjs/core/router/router-execution-context.js', QS_FILE],
    ['http', APP_FILE],
    ['node:http', APP_FILE],
    ['ws', APP_FILE],
  ])('lets %s from %s through the hook', (id, parent) => {
    expect(packages.mayLoad(id, parent)).toBe(true);
  });

  it.each([
    ['qs', EXPRESS_FILE],
    ['@nestjs/common', APP_FILE],
    ['@nestjs/core-extras', APP_FILE],
    ['node:fs', APP_FILE],
    ['https', APP_FILE],
    ['./utils', QS_FILE],
    ['./config.js', APP_FILE],
    ['../lib/config.js', APP_FILE],
  ])('lets %s from %s skip the hook', (id, parent) => {
    expect(packages.mayLoad(id, parent)).toBe(false);
  });

  it('hooks relative paths in hooked packages', () => {
    expect(packages.mayLoad('./router/layer.js', EXPRESS_FILE)).toBe(true);
  });

  it('follows ../ into a hooked package', () => {
    const lodashFile = `${STORE}/express@5.1.0/node_modules/lodash/index.js`;
    expect(packages.mayLoad('../express/lib/express.js', lodashFile)).toBe(true);
    expect(packages.mayLoad('../qs/lib/index.js', lodashFile)).toBe(false);
    expect(packages.mayLoad('./node_modules/express', APP_FILE)).toBe(true);
  });

  it('follows .. anywhere in a relative path', () => {
    const shimFile = `${STORE}/express@5.1.0/node_modules/web-shim/index.js`;
    expect(packages.mayLoad('./../express', shimFile)).toBe(true);
    expect(packages.mayLoad('./lib/../../express', shimFile)).toBe(true);
  });

  it('hooks absolute paths into hooked packages', () => {
    expect(packages.mayLoad(EXPRESS_FILE, APP_FILE)).toBe(true);
    expect(packages.mayLoad(QS_FILE, APP_FILE)).toBe(false);
    expect(packages.mayLoad('/srv/app/dist/config.js', APP_FILE)).toBe(false);
    const viaShim = `${STORE}/express@5.1.0/node_modules/web-shim/../express/index.js`;
    expect(packages.mayLoad(viaShim, APP_FILE)).toBe(true);
  });

  it('finds loaded files in hooked packages', () => {
    expect(packages.containsFile(EXPRESS_FILE)).toBe(true);
    expect(packages.containsFile(QS_FILE)).toBe(false);
  });

  it('hooks what it cannot place', () => {
    // `imports` of the requiring package can map `#name` to any package.
    expect(packages.mayLoad('#platform', QS_FILE)).toBe(true);
    expect(packages.mayLoad('./utils', undefined)).toBe(true);
    // The REPL's module has a null file name.
    expect(packages.mayLoad('./utils', null)).toBe(true);
    expect(packages.mayLoad(42, APP_FILE)).toBe(true);
    expect(packages.mayLoad('', APP_FILE)).toBe(true);
  });

  it('hooks a package once added', () => {
    const late = hooked('express');
    expect(late.mayLoad('seda-greeter', APP_FILE)).toBe(false);
    late.add('seda-greeter');
    expect(late.mayLoad('seda-greeter', APP_FILE)).toBe(true);
  });
});

describe('patchedFiles', () => {
  function instrumentationWith(definitions: object[]): Instrumentation {
    return { getModuleDefinitions: () => definitions } as unknown as Instrumentation;
  }

  it('lists files and unpatched entries', () => {
    const nest = instrumentationWith([
      { name: '@nestjs/core', files: [{ name: '@nestjs/core/nest-factory.js' }] },
    ]);
    const socketIo = instrumentationWith([
      {
        name: 'socket.io',
        patch: () => {},
        files: [{ name: 'socket.io/dist/socket.js' }],
      },
    ]);
    const express = instrumentationWith([{ name: 'express', patch: () => {} }]);

    expect(patchedFiles([nest, socketIo, express])).toEqual({
      files: ['@nestjs/core/nest-factory.js', 'socket.io/dist/socket.js'],
      entryUnpatched: ['@nestjs/core'],
    });
  });

  it('keeps an entry that one patches', () => {
    const files = instrumentationWith([
      { name: 'ws', files: [{ name: 'ws/lib/websocket.js' }] },
    ]);
    const entry = instrumentationWith([{ name: 'ws', patch: () => {} }]);

    expect(patchedFiles([files, entry]).entryUnpatched).toEqual([]);
  });
});

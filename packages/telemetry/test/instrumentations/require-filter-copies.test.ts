import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diag } from '@opentelemetry/api';
import * as sdkCopy from '@opentelemetry/instrumentation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPackageDir } from '../../src/instrumentations/package-dir.js';
import { createWithRequireFilter } from '../../src/instrumentations/require-filter/install.js';

type InstrumentationModule = typeof sdkCopy;
type ResolveFilename = (request: string, parent: unknown, ...rest: unknown[]) => string;

const moduleInternals = Module as unknown as { _resolveFilename: ResolveFilename };
const plainRequire = Module.prototype.require;

/**
 * Lays out what npm installs when a contrib instrumentation's range leaves
 * out the SDK's `@opentelemetry/instrumentation`: a second copy of it, next
 * to a package that an instrumentation of that copy patches and one that
 * none patches.
 */
function layOutSecondCopy(root: string): string {
  const modules = join(root, 'node_modules');
  const testDir = fileURLToPath(new URL('.', import.meta.url));
  const original = installedDir('@opentelemetry/instrumentation', testDir);
  cpSync(original, join(modules, '@opentelemetry/instrumentation'), { recursive: true });
  for (const dependency of ['require-in-the-middle', 'import-in-the-middle', '@opentelemetry/api']) {
    const target = join(modules, dependency);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(installedDir(dependency, original), target);
  }
  for (const name of ['seda-greeter', 'seda-unpatched']) {
    mkdirSync(join(modules, name), { recursive: true });
    writeFileSync(join(modules, name, 'package.json'), JSON.stringify({ name, version: '1.0.0' }));
    writeFileSync(join(modules, name, 'index.js'), 'exports.greet = (name) => `hello, ${name}`;\n');
  }
  const entry = join(root, 'app.js');
  writeFileSync(entry, '');
  return entry;
}

/** Returns the real folder of the package `name` as found from `fromDir`. */
function installedDir(name: string, fromDir: string): string {
  const dir = findPackageDir(name, fromDir);
  if (!dir) throw new Error(`package ${name} not found from ${fromDir}`);
  return dir;
}

/** Returns an instrumentation class of `copy` that marks the exports of `moduleName`. */
function markingInstrumentation(copy: InstrumentationModule, moduleName: string) {
  const { InstrumentationBase, InstrumentationNodeModuleDefinition } = copy;
  return class extends InstrumentationBase {
    constructor() {
      super(`mark-${moduleName}`, '1.0.0', {});
    }

    protected override init() {
      return new InstrumentationNodeModuleDefinition(moduleName, ['*'], (exports: object) =>
        Object.assign(exports, { marked: true }),
      );
    }
  };
}

/** Counts the resolutions of `id` while it is required. */
function resolutionsOf(requireFrom: NodeJS.Require, id: string): { exports: unknown; count: number } {
  const resolve = moduleInternals._resolveFilename;
  let count = 0;
  moduleInternals._resolveFilename = function (request, ...rest) {
    if (request === id) count += 1;
    return resolve.call(this, request, ...rest);
  };
  try {
    return { exports: requireFrom(id), count };
  } finally {
    moduleInternals._resolveFilename = resolve;
  }
}

describe('require filter with two copies', () => {
  let root: string;
  let requireFromApp: NodeJS.Require;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'seda-copies-'));
    requireFromApp = createRequire(layOutSecondCopy(root));
    const secondCopy = requireFromApp('@opentelemetry/instrumentation') as InstrumentationModule;
    expect(secondCopy.InstrumentationBase).not.toBe(sdkCopy.InstrumentationBase);

    const SdkGreeter = markingInstrumentation(sdkCopy, 'seda-sdk-greeter');
    const CopyGreeter = markingInstrumentation(secondCopy, 'seda-greeter');
    createWithRequireFilter(() => new SdkGreeter(), diag);
    createWithRequireFilter(() => new CopyGreeter(), diag);
  });

  afterAll(() => {
    Module.prototype.require = plainRequire;
    rmSync(root, { recursive: true, force: true });
  });

  it('skips both hooks for other packages', () => {
    const { exports, count } = resolutionsOf(requireFromApp, 'seda-unpatched');

    expect(exports).not.toHaveProperty('marked');
    // Node.js resolves the module once. Each hook on the way would resolve it again.
    expect(count).toBe(1);
  });

  it('patches through the second copy', () => {
    const { exports } = resolutionsOf(requireFromApp, 'seda-greeter');

    expect(exports).toHaveProperty('marked', true);
  });
});

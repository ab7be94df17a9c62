import type { DiagLogger } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { describe, expect, it } from 'vitest';
import { PatchTracker } from '../../src/instrumentations/load-check.js';
import type { InstrumentationName } from '../../src/instrumentations/registry.js';

function recordingLogger() {
  const lines: string[] = [];
  const logger: DiagLogger = {
    error: (message) => lines.push(`error ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
    info: (message) => lines.push(`info ${message}`),
    debug: (message) => lines.push(`debug ${message}`),
    verbose: () => {},
  };
  return { logger, lines };
}

function instrumentationWith(definitions: object[]): Instrumentation {
  return { getModuleDefinitions: () => definitions } as unknown as Instrumentation;
}

/**
 * Reports a module that its instrumentation saw in `version` but never
 * patched, and returns the logged lines.
 */
function reportUnpatched(
  name: InstrumentationName,
  range: string,
  version: string,
): string[] {
  const definition = {
    name,
    supportedVersions: [range],
    moduleVersion: version,
    patch: (exports: unknown, _version?: string) => exports,
    files: [],
  };
  const tracker = new PatchTracker([
    { name, packages: [name], instrumentation: instrumentationWith([definition]) },
  ]);
  const { logger, lines } = recordingLogger();
  tracker.report(logger);
  return lines;
}

describe('PatchTracker', () => {
  it('reports patched modules at debug level', () => {
    const definition = {
      name: 'express',
      supportedVersions: ['>=4 <6'],
      patch: (exports: unknown, _version?: string) => exports,
      files: [],
    };
    const tracker = new PatchTracker([
      { name: 'express', packages: ['express'], instrumentation: instrumentationWith([definition]) },
    ]);
    const { logger, lines } = recordingLogger();

    definition.patch({}, '5.3.0');
    tracker.report(logger);

    expect(lines).toEqual(['debug instrumented express 5.3.0']);
  });

  it('warns about a version outside the range', () => {
    const lines = reportUnpatched('express', '>=4 <6', '6.0.0');

    expect(lines).toEqual([
      'warn express 6.0.0 is outside the range >=4 <6 of the express ' +
        'instrumentation, so it is not instrumented',
    ]);
  });

  it('logs an unpatched in-range version at debug', () => {
    const lines = reportUnpatched('ioredis', '>=2.0.0 <7', '6.1.0');

    expect(lines).toEqual([
      'debug ioredis 6.1.0 was seen by the ioredis instrumentation but not ' +
        'patched, most likely because it was loaded before the SDK started',
    ]);
  });

  it('counts a patched file as its module', () => {
    const file = { name: '@nestjs/core/router/router-execution-context.js', supportedVersions: ['*'], patch: (exports: unknown) => exports };
    const definition = { name: '@nestjs/core', supportedVersions: ['>=4 <13'], moduleVersion: '12.6.3', files: [file] };
    const tracker = new PatchTracker([
      { name: 'nestjs', packages: ['@nestjs/core'], instrumentation: instrumentationWith([definition]) },
    ]);
    const { logger, lines } = recordingLogger();

    file.patch({});
    tracker.report(logger);

    expect(lines).toEqual(['debug instrumented @nestjs/core']);
  });
});

import { describe, expect, it } from 'vitest';
import { describeIssue } from '../../src/config/issues.js';
import { resolveConfig } from '../../src/config/resolve.js';

const switchedOn = (env: Record<string, string>, options = {}) => {
  const { config, issues } = resolveConfig(options, env);
  const on = Object.entries(config.instrumentations)
    .filter(([, value]) => value !== false)
    .map(([name]) => name);
  return { on, issues: issues.map(describeIssue) };
};

describe('OTEL_NODE_ENABLED_INSTRUMENTATIONS and _DISABLED_', () => {
  it('switches every instrumentation on when neither is set', () => {
    expect(switchedOn({}).on).toEqual([
      'http',
      'express',
      'nestjs',
      'prisma',
      'ioredis',
      'socketio',
      'ws',
      'winston',
      'pino',
    ]);
  });

  it('keeps only the enabled ones', () => {
    const result = switchedOn({ OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http, Prisma' });

    expect(result).toEqual({ on: ['http', 'prisma'], issues: [] });
  });

  it('turns the disabled ones off, after the enabled ones', () => {
    expect(
      switchedOn({ OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'express,winston,pino' }).on,
    ).toEqual(['http', 'nestjs', 'prisma', 'ioredis', 'socketio', 'ws']);
    expect(
      switchedOn({
        OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,express',
        OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'express',
      }).on,
    ).toEqual(['http']);
  });

  it("takes the reference bundle's names", () => {
    const result = switchedOn({
      OTEL_NODE_ENABLED_INSTRUMENTATIONS:
        'nestjs-core,socket.io,@opentelemetry/instrumentation-ioredis',
    });

    expect(result).toEqual({ on: ['nestjs', 'ioredis', 'socketio'], issues: [] });
  });

  it('reports an unknown name and keeps the others', () => {
    const result = switchedOn({ OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,mongodb' });

    expect(result.on).toEqual(['http']);
    expect(result.issues).toEqual([
      expect.stringMatching(
        /OTEL_NODE_ENABLED_INSTRUMENTATIONS.*"mongodb".*names from http, express, nestjs.*or the aliases nestjs-core, socket\.io.*using the other entries/,
      ),
    ]);
  });

  it('lets an option in code win over the variables', () => {
    const result = switchedOn(
      { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http' },
      { instrumentations: { prisma: { internalSpans: true }, http: false } },
    );

    expect(result.on).toEqual(['prisma']);
  });
});

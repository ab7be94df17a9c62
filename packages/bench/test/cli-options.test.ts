import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBenchOptions, UsageError } from '../src/cli-options.js';

describe('parseBenchOptions', () => {
  it('runs every variant and part by default', () => {
    const { settings, parts } = parseBenchOptions([]);

    expect(settings.name).toBe('full');
    expect(settings.variants).toEqual([
      'none',
      'seda',
      'otel-auto',
      'otel-auto-prisma',
      'sdk-node',
    ]);
    expect(settings.childEnv).toEqual({});
    expect(parts).toEqual(['census', 'rounds', 'spans', 'soak']);
  });

  it('writes a relative --out below the working directory', () => {
    const { base } = parseBenchOptions(['--out', 'reports/mine']);

    expect(base).toBe(join(process.cwd(), 'reports/mine'));
  });

  it('keeps the baseline first in a subset of variants', () => {
    const { settings } = parseBenchOptions(['--variants', 'sdk-node, seda']);

    expect(settings.variants).toEqual(['none', 'seda', 'sdk-node']);
  });

  it('runs breakdown variants only when named', () => {
    const { settings } = parseBenchOptions([
      '--variants',
      'seda-disabled,seda,seda-no-spans',
    ]);

    expect(settings.variants).toEqual([
      'none',
      'seda',
      'seda-no-spans',
      'seda-disabled',
    ]);
  });

  it('adds each --env to the children', () => {
    const { settings } = parseBenchOptions([
      '--env',
      'OTEL_NODE_ENABLED_INSTRUMENTATIONS=http,prisma',
      '--env',
      'EMPTY=',
    ]);

    expect(settings.childEnv).toEqual({
      OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,prisma',
      EMPTY: '',
    });
  });

  it('shortens the loads and the rounds', () => {
    const { settings } = parseBenchOptions([
      '--rounds',
      '3',
      '--load-seconds',
      '2',
      '--smoke',
    ]);

    expect(settings.name).toBe('smoke');
    expect(settings.rounds).toBe(3);
    expect(settings.httpSeconds).toBe(2);
    expect(settings.wsSeconds).toBe(2);
  });

  it.each([
    [['--variants', 'seda,jaeger'], /--variants entry "jaeger"/],
    [['--env', 'NO_EQUALS'], /--env "NO_EQUALS": use KEY=VALUE/],
    [['--rounds', '1.5'], /--rounds "1.5": use a positive integer/],
    [['--parts', 'census,load'], /--parts entry "load"/],
    [['--rounds='], /--rounds "": use a positive integer/],
    [['--variants='], /--variants entry "": use none/],
    [['--fast'], /Unknown option '--fast'.*--smoke/],
  ])('rejects %j', (args, message) => {
    expect(() => parseBenchOptions(args)).toThrow(UsageError);
    expect(() => parseBenchOptions(args)).toThrow(message);
  });
});

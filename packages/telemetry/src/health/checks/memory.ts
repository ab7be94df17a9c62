import { getHeapStatistics } from 'node:v8';
import type { CheckOptions, CheckStatus, HealthCheck } from '../types.js';
import { readMemoryLimit } from './cgroup-memory.js';
import { defineCheck, definedOnly, numberOption } from './check-options.js';

export interface MemoryCheckOptions extends CheckOptions {
  /**
   * Share of the limit, for RSS against the memory limit and for the used
   * heap against V8's heap limit, above which the check is `degraded`.
   * Default 0.85.
   */
  degradedAboveRatio?: number;
  /** Share above which the check is `down`. Default 0.95. */
  downAboveRatio?: number;
  /** Mount point of the cgroup file system. Default `/sys/fs/cgroup`. */
  cgroupRoot?: string;
}

const DEFAULTS = {
  degradedAboveRatio: 0.85,
  downAboveRatio: 0.95,
  cgroupRoot: '/sys/fs/cgroup',
};

/**
 * Checks the process's resident memory against the container's memory
 * limit (cgroup v2 or v1, else the host's memory) and the used V8 heap
 * against the heap limit. Name `memory`, kind `memory`, non-critical by
 * default.
 */
export function memoryCheck(options: MemoryCheckOptions = {}): HealthCheck {
  const shareOption = (option: 'degradedAboveRatio' | 'downAboveRatio') =>
    numberOption({
      check: 'memoryCheck',
      option,
      value: options[option],
      fallback: DEFAULTS[option],
      expected: 'a share of the limit above 0 and at most 1, such as 0.9',
      valid: (value) => value > 0 && value <= 1,
    });
  const settings = {
    ...DEFAULTS,
    ...definedOnly(options),
    degradedAboveRatio: shareOption('degradedAboveRatio'),
    downAboveRatio: shareOption('downAboveRatio'),
  };

  return defineCheck(options, { name: 'memory', kind: 'memory' }, async () => {
    const limit = await readMemoryLimit(settings.cgroupRoot);
    const usage = process.memoryUsage();
    const heapLimit = getHeapStatistics().heap_size_limit;
    const rssRatio = ratio(usage.rss, limit.bytes);
    const heapRatio = ratio(usage.heapUsed, heapLimit);
    const details = {
      rssBytes: usage.rss,
      heapUsedBytes: usage.heapUsed,
      heapTotalBytes: usage.heapTotal,
      externalBytes: usage.external,
      heapLimitBytes: heapLimit,
      limitBytes: limit.bytes,
      limitSource: limit.source,
      ...(limit.note === undefined ? {} : { limitNote: limit.note }),
      rssRatio,
      heapRatio,
    };
    return {
      ...statusOf(rssRatio, heapRatio, settings, limit.source),
      details,
    };
  });
}

function statusOf(
  rssRatio: number,
  heapRatio: number,
  settings: typeof DEFAULTS,
  limitSource: string,
): { status: CheckStatus; message?: string } {
  const worst =
    rssRatio >= heapRatio
      ? {
          ratio: rssRatio,
          what: `RSS is ${percent(rssRatio)} of the ${limitSource} limit`,
        }
      : {
          ratio: heapRatio,
          what: `the V8 heap is ${percent(heapRatio)} of its limit`,
        };

  if (worst.ratio > settings.downAboveRatio) {
    return {
      status: 'down',
      message: `${worst.what}, above ${percent(settings.downAboveRatio)}`,
    };
  }
  if (worst.ratio > settings.degradedAboveRatio) {
    return {
      status: 'degraded',
      message: `${worst.what}, above ${percent(settings.degradedAboveRatio)}`,
    };
  }
  return { status: 'up' };
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

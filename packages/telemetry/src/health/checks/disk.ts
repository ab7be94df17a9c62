import { statfs } from 'node:fs/promises';
import type { CheckOptions, CheckStatus, HealthCheck } from '../types.js';
import { defineCheck, definedOnly } from './check-options.js';

export interface DiskCheckOptions extends CheckOptions {
  /** A path on the file system to check. Default: the working directory. */
  path?: string;
  /** Free share below which the check is `degraded`. Default 0.1. */
  degradedBelowRatio?: number;
  /** Free share below which the check is `down`. Default 0.05. */
  downBelowRatio?: number;
}

const DEFAULTS = {
  degradedBelowRatio: 0.1,
  downBelowRatio: 0.05,
};

/**
 * Checks the free space of the file system holding `path` with
 * `fs.statfs`, counting the blocks available to unprivileged users. Name
 * `disk`, kind `disk`, non-critical by default. A path that cannot be read
 * is `down`.
 */
export function diskCheck(options: DiskCheckOptions = {}): HealthCheck {
  const settings = { ...DEFAULTS, ...definedOnly(options) };

  return defineCheck(options, { name: 'disk', kind: 'disk' }, async () => {
    const path = settings.path ?? process.cwd();
    const stats = await statfs(path);
    const totalBytes = stats.blocks * stats.bsize;
    const freeBytes = stats.bavail * stats.bsize;
    const freeRatio =
      totalBytes > 0
        ? Math.round((freeBytes / totalBytes) * 10_000) / 10_000
        : 0;
    const details = { path, freeBytes, totalBytes, freeRatio };
    return { ...statusOf(freeRatio, settings), details };
  });
}

function statusOf(
  freeRatio: number,
  settings: typeof DEFAULTS,
): { status: CheckStatus; message?: string } {
  const free = `${(freeRatio * 100).toFixed(1)}% free`;
  if (freeRatio < settings.downBelowRatio) {
    return {
      status: 'down',
      message: `${free}, below ${settings.downBelowRatio * 100}%`,
    };
  }
  if (freeRatio < settings.degradedBelowRatio) {
    return {
      status: 'degraded',
      message: `${free}, below ${settings.degradedBelowRatio * 100}%`,
    };
  }
  return { status: 'up' };
}

import type {
  Attributes,
  BatchObservableResult,
  Meter,
  Observable,
} from '@opentelemetry/api';
import type { CheckResult } from './types.js';

/** The two measurements of a memory check result that become gauges. */
interface MemoryReading {
  readonly rssBytes: number;
  readonly limitBytes: number;
}

/** The memory gauges and the step that observes them in a batch callback. */
export interface MemoryGauges {
  readonly observables: Observable[];
  observe(
    result: BatchObservableResult,
    check: CheckResult,
    attributes: Attributes,
  ): void;
}

/**
 * Creates `process.memory.usage` (the semantic-convention name, an
 * up-down counter in bytes) and `health.memory.limit` (a gauge in bytes).
 * Both read the latest result of each `memory` check, so their ratio is
 * the one that check compares with its thresholds.
 */
export function createMemoryGauges(
  meter: Meter,
  names: { usage: string; limit: string },
): MemoryGauges {
  const usage = meter.createObservableUpDownCounter(names.usage, {
    description:
      'Resident set size of the process, as the memory check last read it.',
    unit: 'By',
  });
  const limit = meter.createObservableGauge(names.limit, {
    description:
      "Memory limit the memory check compares the resident set size with: the container's cgroup limit, else the host's memory.",
    unit: 'By',
  });

  return {
    observables: [usage, limit],
    observe(result, check, attributes) {
      const reading = memoryReadingOf(check);
      if (reading === undefined) return;
      result.observe(usage, reading.rssBytes, attributes);
      result.observe(limit, reading.limitBytes, attributes);
    },
  };
}

/**
 * Returns the resident set size and the limit of a `memory` check result,
 * or `undefined` for other checks and for a custom check of that kind
 * whose details lack either number.
 */
function memoryReadingOf(check: CheckResult): MemoryReading | undefined {
  if (check.kind !== 'memory') return undefined;

  const rssBytes = check.details?.rssBytes;
  const limitBytes = check.details?.limitBytes;
  if (!isPositiveNumber(rssBytes) || !isPositiveNumber(limitBytes)) {
    return undefined;
  }
  return { rssBytes, limitBytes };
}

function isPositiveNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

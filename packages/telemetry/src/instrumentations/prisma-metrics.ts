import { context, type Histogram, type Meter, ValueType } from '@opentelemetry/api';
import { isTracingSuppressed } from '@opentelemetry/core';

/** Bucket boundaries in seconds, from 1 ms to 10 s, for database calls. */
const DURATION_BUCKETS = [
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** Global keys under which Prisma Client looks for its tracing helper. */
const HELPER_KEYS = ['V7_PRISMA_INSTRUMENTATION', 'PRISMA_INSTRUMENTATION'];

interface ChildSpanOptions {
  name: string;
  attributes?: Record<string, unknown>;
}

interface TracingHelper {
  runInChildSpan(options: string | ChildSpanOptions, callback: (...args: unknown[]) => unknown): unknown;
}

type HelperHolder = { helper?: TracingHelper };

/**
 * Records `prisma.client.operation.duration` for every Prisma Client
 * operation of the application, sampled or not, by wrapping the tracing helper that
 * `@prisma/instrumentation` publishes on `globalThis` for the client. The
 * attributes are the model and the operation only, so the series stay
 * bounded. Operations run with tracing suppressed, such as the queries of
 * health checks, are not counted.
 */
export function recordPrismaOperationDurations(meter: Meter): () => void {
  const holder = findHelperHolder();
  const original = holder?.helper;
  if (!holder || !original) return () => {};

  const histogram = meter.createHistogram('prisma.client.operation.duration', {
    description: 'Duration of Prisma Client operations, from call to result.',
    unit: 's',
    valueType: ValueType.DOUBLE,
    advice: { explicitBucketBoundaries: DURATION_BUCKETS },
  });
  holder.helper = timingHelper(original, histogram);
  return () => {
    if (holder.helper !== original) holder.helper = original;
  };
}

function findHelperHolder(): HelperHolder | undefined {
  const globals = globalThis as Record<string, unknown>;
  for (const key of HELPER_KEYS) {
    const holder = globals[key] as HelperHolder | undefined;
    if (holder?.helper) return holder;
  }
  return undefined;
}

/**
 * Returns a helper that inherits every member of the original and overrides
 * `runInChildSpan`. Prisma Client reads the helper's members several times
 * per operation, and inherited members cost a plain property lookup, where
 * a `Proxy` would run a trap on each.
 */
function timingHelper(original: TracingHelper, histogram: Histogram): TracingHelper {
  const helper = Object.create(original) as TracingHelper;
  helper.runInChildSpan = (options, callback) => {
    const run = () => original.runInChildSpan(options, callback);
    const counted =
      typeof options === 'object' &&
      options.name === 'operation' &&
      !isTracingSuppressed(context.active());
    return counted ? timeOperation(run, options.attributes ?? {}, histogram) : run();
  };
  return helper;
}

function timeOperation(
  run: () => unknown,
  attributes: Record<string, unknown>,
  histogram: Histogram,
): unknown {
  const started = performance.now();
  const labels: Record<string, string> = {
    'db.operation.name': String(attributes['method'] ?? 'unknown'),
    'db.collection.name': String(attributes['model'] ?? 'none'),
  };
  const record = (errorType?: string) => {
    const seconds = (performance.now() - started) / 1000;
    histogram.record(seconds, errorType ? { ...labels, 'error.type': errorType } : labels);
  };

  let result: unknown;
  try {
    result = run();
  } catch (error) {
    record(errorName(error));
    throw error;
  }
  if (!isPromiseLike(result)) {
    record();
    return result;
  }
  return result.then(
    (value) => {
      record();
      return value;
    },
    (error: unknown) => {
      record(errorName(error));
      throw error;
    },
  );
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Prisma's error classes carry a code such as `P2002`, which is bounded. */
function errorName(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^P\d{4}$/.test(code)) return code;
  return error instanceof Error ? error.name : 'Error';
}

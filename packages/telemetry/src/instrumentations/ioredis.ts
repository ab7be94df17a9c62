import type { Instrumentation } from '@opentelemetry/instrumentation';
import { loadModule } from '../exporters/load.js';

type IoredisModule = typeof import('@opentelemetry/instrumentation-ioredis');

/**
 * ioredis client spans. The default statement serializer of
 * `@opentelemetry/redis-common` keeps the key of write commands such as
 * `SET` and replaces the value by a count, and keeps no argument of unknown
 * commands such as `AUTH`, so values and passwords stay out of
 * `db.query.text`. Read commands keep all their arguments.
 */
export function createIoredisInstrumentation(): Instrumentation {
  const { IORedisInstrumentation } = loadModule<IoredisModule>(
    '@opentelemetry/instrumentation-ioredis',
  );
  // Commands outside any span (connection set-up such as `CLIENT SETINFO`,
  // which older servers reject) would each start a trace of their own.
  return new IORedisInstrumentation({ requireParentSpan: true });
}

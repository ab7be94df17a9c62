// Records per second of the two logger factories of @seda/telemetry/logs,
// writing JSON lines to a stream that drops them, outside any span and
// inside an active one. Uses the built package: run `pnpm run build` first,
// then `pnpm --filter @seda/telemetry bench`.
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { createPinoLogger, createWinstonLogger } from '@seda/telemetry/logs';

/** Time each case runs per round, after its warm-up. */
const ROUND_MILLIS = 1_000;
const ROUNDS = 5;
const WARM_UP_RECORDS = 20_000;
/**
 * Records logged between two turns of the event loop. winston's streams
 * finish each write in a `process.nextTick` callback, which a loop that
 * never yields would pile up by the million, as no server does.
 */
const RECORDS_PER_TURN = 1_000;

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(new TracerProvider());

const discard = { write: () => true };
const options = { env: {}, serviceName: 'bench', stream: discard, otlp: false };
const winston = createWinstonLogger(options);
const pino = createPinoLogger(options);

/** A typical request log: a few ids, a nested object and a header to redact. */
const fields = {
  roomId: 42,
  userId: 7,
  request: {
    method: 'POST',
    route: '/rooms/:roomId/messages',
    headers: { authorization: 'Bearer x' },
  },
};

const tracer = trace.getTracer('bench');

function inSpan(run) {
  return () =>
    tracer.startActiveSpan('request', (span) => {
      run();
      span.end();
    });
}

// The span alone shows how much of the inside-a-span cases is the span's.
const CASES = [
  ['a span alone, no log', inSpan(() => {})],
  [
    'winston factory, outside a span',
    () => winston.info('message posted', fields),
  ],
  [
    'winston factory, inside a span',
    inSpan(() => winston.info('message posted', fields)),
  ],
  ['pino factory, outside a span', () => pino.info(fields, 'message posted')],
  [
    'pino factory, inside a span',
    inSpan(() => pino.info(fields, 'message posted')),
  ],
];

/** Runs `record` for one round and resolves with records per second. */
async function measure(record) {
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ROUND_MILLIS) {
    for (let turn = 0; turn < RECORDS_PER_TURN; turn++) record();
    count += RECORDS_PER_TURN;
    await yieldToEventLoop();
    elapsed = performance.now() - start;
  }
  return (count / elapsed) * 1000;
}

async function warmUp(record) {
  for (let done = 0; done < WARM_UP_RECORDS; done += RECORDS_PER_TURN) {
    for (let turn = 0; turn < RECORDS_PER_TURN; turn++) record();
    await yieldToEventLoop();
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

console.log(
  `node ${process.version}, ${ROUNDS} rounds of ${ROUND_MILLIS} ms, ` +
    'median records per second',
);
for (const [name, record] of CASES) {
  await warmUp(record);
  const rates = [];
  for (let round = 0; round < ROUNDS; round++)
    rates.push(await measure(record));
  const rate = Math.round(median(rates)).toLocaleString('en-US');
  console.log(`${name.padEnd(34)} ${rate.padStart(10)}`);
}

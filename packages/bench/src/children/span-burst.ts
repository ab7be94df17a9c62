// Creates spans at a fixed rate through whatever SDK is preloaded, for the
// export-path figure: how many spans per second the batch processor carries
// to the collector without dropping any. Each span looks like an HTTP server
// span of the example API.
import { SpanKind, trace } from '@opentelemetry/api';

/** Spans are created in slices of this length, as requests arrive in bursts. */
const TICK_MILLIS = 10;

const rate = Number(process.env.BENCH_SPAN_RATE);
const seconds = Number(process.env.BENCH_SPAN_SECONDS);
const tracer = trace.getTracer('@seda/bench');
const startedAt = performance.now();
const cpuAtStart = process.cpuUsage();
let created = 0;

const timer = setInterval(tick, TICK_MILLIS);
// No generator outlives the run that started it.
process.once('disconnect', () => process.exit(0));

function tick(): void {
  const elapsed = performance.now() - startedAt;
  const due = Math.min(rate * seconds, Math.floor((rate * elapsed) / 1000));
  while (created < due) createSpan(created++);
  if (elapsed >= seconds * 1000) finish(elapsed);
}

function createSpan(index: number): void {
  const span = tracer.startSpan('GET /rooms/:roomId/messages', {
    kind: SpanKind.SERVER,
    attributes: {
      'http.request.method': 'GET',
      'http.route': '/rooms/:roomId/messages',
      'url.path': `/rooms/${index % 100}/messages`,
      'url.query': 'limit=20',
      'url.scheme': 'http',
      'server.address': '127.0.0.1',
      'server.port': 3000,
      'network.protocol.version': '1.1',
      'user_agent.original': 'autocannon',
    },
  });
  span.setAttribute('http.response.status_code', 200);
  span.end();
}

function finish(elapsed: number): void {
  clearInterval(timer);
  const cpu = process.cpuUsage(cpuAtStart);
  process.send?.({
    type: 'done',
    created,
    elapsedMillis: elapsed,
    cpuMicros: cpu.user + cpu.system,
  });
}

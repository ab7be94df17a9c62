import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWinstonLogger } from '../../src/logs/index.js';
import {
  CapturedStream,
  inSpan,
  type LogLine,
  useInProcessTracing,
} from './support.js';

let stopTracing: () => void;

beforeAll(() => {
  stopTracing = useInProcessTracing();
});
afterAll(() => stopTracing());

// winston passes an Error logged on its own as the record itself, so the
// same Error object reaches the logger once per call.
describe('createWinstonLogger with one error logged twice', () => {
  it('takes time and trace fields from each call', async () => {
    const stream = new CapturedStream();
    const logger = createWinstonLogger({
      env: {},
      serviceName: 'chat',
      otlp: false,
      stream,
    });
    const error = new Error('payment failed');

    const first = inSpan(() => logger.error(error));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = inSpan(() => logger.error(error));
    logger.error(error);

    const [inFirst, inSecond, outside] = stream.lines() as LogLine[];
    expect(inFirst?.span_id).toBe(first.spanId);
    expect(inSecond?.span_id).toBe(second.spanId);
    expect(inSecond?.trace_id).toBe(second.traceId);
    expect(outside).not.toHaveProperty('trace_id');
    expect(outside).not.toHaveProperty('span_id');
    expect(outside).not.toHaveProperty('trace_flags');
    expect(Date.parse(String(inSecond?.timestamp))).toBeGreaterThan(
      Date.parse(String(inFirst?.timestamp)),
    );
  });
});

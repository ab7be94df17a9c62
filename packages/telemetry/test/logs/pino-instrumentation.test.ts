import { SeverityNumber } from '@opentelemetry/api';
import type { ReceivedLogRecord } from '@seda/test-utils';
import { describe, expect, it } from 'vitest';
import { useReceiver } from '../support/receiver.js';
import { exportEnv, startFixture } from '../support/fixtures.js';
import { parseJsonLines, requestIds } from './support.js';

const receiver = useReceiver();

/**
 * What `@opentelemetry/instrumentation-pino` 0.70 does with pino 10, the
 * last major version of its declared range (`>=5.14.0 <11`), in an ES
 * module and in a CommonJS application.
 */
const STARTS = [
  { name: 'ESM import', file: 'logs/pino-app.mjs', nodeArgs: [] },
  {
    name: 'CJS require',
    file: 'logs/pino-app.cjs',
    nodeArgs: ['--require', '@seda/telemetry/register'],
  },
];

describe.each(STARTS)(
  'pino 10 instrumentation with $name',
  ({ file, nodeArgs }) => {
    async function run() {
      const fixture = await startFixture(file, {
        nodeArgs,
        env: exportEnv(receiver(), {
          OTEL_METRICS_EXPORTER: 'none',
          OTEL_SERVICE_NAME: 'pino-fixture',
        }),
      });
      const [, url] = await fixture.waitForOutput(
        /listening on (http:\/\/\S+)/,
        { stream: 'stderr' },
      );
      const ids = await requestIds(url as string);
      const records = await receiver().waitFor(
        ({ logs }) => {
          const inTrace = logs.filter(
            (record) => record.traceId === ids.traceId,
          );
          return inTrace.length >= 4 && inTrace;
        },
        { message: 'four pino records in the request trace' },
      );
      const byBody = (body: string) =>
        records.find((record) => record.body === body) as ReceivedLogRecord;
      return { fixture, ids, records, byBody };
    }

    it('adds the trace fields to the lines', async () => {
      const { fixture, ids } = await run();

      const lines = parseJsonLines(fixture.stdout());
      expect(lines).toHaveLength(4);
      for (const line of lines) {
        expect(line).toMatchObject({
          trace_id: ids.traceId,
          span_id: ids.spanId,
          trace_flags: '01',
        });
      }
    });

    it('exports records with the span, body and child bindings', async () => {
      const { ids, byBody } = await run();

      const child = byBody('child record');
      expect(child.spanId).toBe(ids.spanId);
      expect(child.severityNumber).toBe(SeverityNumber.INFO);
      expect(child.severityText).toBe('info');
      expect(child.attributes).toEqual({ module: 'rooms', roomId: 7 });
      expect(child.scope.name).toBe('@opentelemetry/instrumentation-pino');
    });

    it('maps the err field to exception attributes', async () => {
      const { byBody } = await run();

      const failed = byBody('failed');
      expect(failed.severityNumber).toBe(SeverityNumber.ERROR);
      expect(failed.attributes['exception.type']).toBe('Error');
      // pino's own err serializer appends the messages of the cause chain.
      expect(failed.attributes['exception.message']).toBe('boom: root cause');
      expect(failed.attributes['exception.stacktrace']).toMatch(
        /^Error: boom\n/,
      );
      expect(failed.attributes['exception.stacktrace']).toMatch(
        /caused by: Error: root cause/,
      );
      expect(failed.attributes).not.toHaveProperty('err');
    });

    it('converts epoch and ISO timestamps', async () => {
      const { fixture, byBody } = await run();

      const lines = parseJsonLines(fixture.stdout());
      const epoch = lines.find((line) => line.msg === 'child record');
      const iso = lines.find((line) => line.msg === 'iso time');
      expect(byBody('child record').timeUnixNano).toBe(
        BigInt(epoch?.time as number) * 1_000_000n,
      );
      expect(byBody('iso time').timeUnixNano).toBe(
        BigInt(Date.parse(String(iso?.time))) * 1_000_000n,
      );
    });

    it('places a custom level between the standard ones', async () => {
      const { byBody } = await run();

      const audit = byBody('custom level');
      expect(audit.severityText).toBe('audit');
      expect(audit.severityNumber).toBeGreaterThan(SeverityNumber.INFO);
      expect(audit.severityNumber).toBeLessThan(SeverityNumber.WARN);
    });
  },
);

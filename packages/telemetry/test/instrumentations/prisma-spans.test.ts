import { trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestTelemetry, type TestTelemetry } from '../../src/testing/index.js';

interface PrismaHelper {
  runInChildSpan(options: { name: string }, callback: () => unknown): unknown;
}

// Prisma Client calls the helper that @prisma/instrumentation publishes on
// `globalThis` once per step of an operation, and this test does the same.
function prismaHelper(): PrismaHelper {
  const holder = (globalThis as { V7_PRISMA_INSTRUMENTATION?: { helper: PrismaHelper } })
    .V7_PRISMA_INSTRUMENTATION;
  if (!holder) throw new Error('Prisma tracing helper not found on globalThis: is the prisma instrumentation enabled?');
  return holder.helper;
}

async function runOperation(): Promise<void> {
  const helper = prismaHelper();
  await trace.getTracer('test').startActiveSpan('request', async (request) => {
    await helper.runInChildSpan({ name: 'operation' }, async () => {
      helper.runInChildSpan({ name: 'serialize' }, () => null);
      helper.runInChildSpan({ name: 'compile' }, () => null);
    });
    request.end();
  });
}

let telemetry: TestTelemetry | undefined;

afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

describe('Prisma Client spans', () => {
  it('leave out the internal steps by default', async () => {
    telemetry = startTestTelemetry();

    await runOperation();
    const spans = await telemetry.waitForSpans((ended) => ended.length >= 2);

    expect(spans.map((span) => span.name).sort()).toEqual([
      'prisma:client:operation',
      'request',
    ]);
  });

  it('keep the internal steps when asked', async () => {
    telemetry = startTestTelemetry({
      instrumentations: { prisma: { internalSpans: true } },
    });

    await runOperation();
    const spans = await telemetry.waitForSpans((ended) => ended.length >= 4);

    expect(spans.map((span) => span.name).sort()).toEqual([
      'prisma:client:compile',
      'prisma:client:operation',
      'prisma:client:serialize',
      'request',
    ]);
  });
});

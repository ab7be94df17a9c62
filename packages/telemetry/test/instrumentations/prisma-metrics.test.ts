import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { suppressTracing } from '@opentelemetry/core';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordPrismaOperationDurations } from '../../src/instrumentations/prisma-metrics.js';
import { OnDemandReader, pointsOf } from '../support/on-demand-reader.js';

interface Helper {
  runInChildSpan(options: unknown, callback: () => unknown): unknown;
}

const globals = globalThis as { PRISMA_INSTRUMENTATION?: { helper: Helper } };

function installHelper(): { helper: () => Helper } {
  globals.PRISMA_INSTRUMENTATION = {
    helper: { runInChildSpan: (_options, callback) => callback() },
  };
  return { helper: () => globals.PRISMA_INSTRUMENTATION!.helper };
}

function operation(model: string, method: string) {
  return { name: 'operation', attributes: { model, method } };
}

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});

afterEach(() => {
  delete globals.PRISMA_INSTRUMENTATION;
});

afterAll(() => {
  context.disable();
});

describe('recordPrismaOperationDurations', () => {
  it('records operations by model and method', async () => {
    const { helper } = installHelper();
    const reader = new OnDemandReader();
    recordPrismaOperationDurations(new MeterProvider({ readers: [reader] }).getMeter('t'));

    await helper().runInChildSpan(operation('Room', 'findMany'), async () => []);
    await helper().runInChildSpan({ name: 'serialize' }, () => null);

    const points = (await pointsOf(reader)).get('prisma.client.operation.duration');
    expect(points).toHaveLength(1);
    expect(points?.[0]?.attributes).toEqual({
      'db.operation.name': 'findMany',
      'db.collection.name': 'Room',
    });
    expect(points?.[0]?.value).toMatchObject({ count: 1 });
  });

  it('names failures by their Prisma code', async () => {
    const { helper } = installHelper();
    const reader = new OnDemandReader();
    recordPrismaOperationDurations(new MeterProvider({ readers: [reader] }).getMeter('t'));
    const conflict = Object.assign(new Error('Unique constraint failed'), { code: 'P2002' });

    await expect(
      helper().runInChildSpan(operation('User', 'create'), () => Promise.reject(conflict)),
    ).rejects.toBe(conflict);

    const points = (await pointsOf(reader)).get('prisma.client.operation.duration');
    expect(points?.[0]?.attributes).toMatchObject({ 'error.type': 'P2002' });
  });

  it('leaves out operations with tracing suppressed', async () => {
    const { helper } = installHelper();
    const reader = new OnDemandReader();
    recordPrismaOperationDurations(new MeterProvider({ readers: [reader] }).getMeter('t'));

    await context.with(suppressTracing(context.active()), () =>
      helper().runInChildSpan(operation('Room', 'count'), async () => 3),
    );

    const points = (await pointsOf(reader)).get('prisma.client.operation.duration') ?? [];
    expect(points).toEqual([]);
  });

  it('restores the helper when stopped', () => {
    const { helper } = installHelper();
    const original = helper();
    const stop = recordPrismaOperationDurations(new MeterProvider().getMeter('t'));

    expect(helper()).not.toBe(original);
    stop();
    expect(helper()).toBe(original);
  });
});

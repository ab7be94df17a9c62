import {
  type OtlpReceiver,
  type ReceivedSpan,
  startOtlpReceiver,
  stopAllFixtures,
} from '@seda/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase, type TestDatabase } from '../helpers/databases.js';
import { createRoom } from '../helpers/fixtures.js';
import {
  type InstrumentedApp,
  startInstrumentedApp,
} from './support/instrumented-app.js';

let receiver: OtlpReceiver;
let database: TestDatabase;
let app: InstrumentedApp;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  database = await createSqliteDatabase();
  app = await startInstrumentedApp(receiver, {
    databaseUrl: database.url,
    env: { DEMO_FAULTS: '1' },
  });
});

afterEach(() => {
  receiver.reset();
});

afterAll(async () => {
  await stopAllFixtures();
  await receiver.close();
  await database.drop();
});

interface RequestSpans {
  server: ReceivedSpan;
  /** NestJS's spans of the request, keyed by `nestjs.type`. */
  nest: Record<string, ReceivedSpan>;
}

/** Sends one GET and returns its server span and NestJS spans once exported. */
async function requestSpans(path: string, status: number): Promise<RequestSpans> {
  const response = await fetch(`${app.url}${path}`);
  expect(response.status).toBe(status);

  const [server] = await receiver.waitForSpans({
    kind: 'SERVER',
    attributes: { 'url.path': path.split('?')[0] ?? path },
  });
  if (!server) throw new Error(`no server span for ${path}`);
  // Both NestJS spans end before the server span does.
  const nest: Record<string, ReceivedSpan> = {};
  for (const span of receiver.spans()) {
    const type = span.attributes['nestjs.type'];
    if (span.traceId === server.traceId && typeof type === 'string') {
      nest[type] = span;
    }
  }
  return { server, nest };
}

function exceptionTypes(span: ReceivedSpan | undefined): unknown[] {
  return (span?.events ?? [])
    .filter((event) => event.name === 'exception')
    .map((event) => event.attributes['exception.type']);
}

describe('NestJS spans of failed requests', () => {
  it('stay unset for a 4xx HttpException', async () => {
    const { server, nest } = await requestSpans('/debug/unauthorized', 401);

    expect(server.status.code).toBe('UNSET');
    expect(Object.keys(nest).sort()).toEqual(['handler', 'request_context']);
    for (const span of Object.values(nest)) {
      expect(span.status).toEqual({ code: 'UNSET' });
      expect(exceptionTypes(span)).toEqual(['UnauthorizedException']);
    }
  });

  it("stay unset for a pipe's 4xx", async () => {
    const roomId = await createRoom(app.api);
    // The history query DTO forbids unknown parameters.
    const { nest } = await requestSpans(`/rooms/${roomId}/messages?limit=5&x=1`, 400);

    expect(Object.keys(nest)).toEqual(['request_context']);
    expect(nest.request_context?.status).toEqual({ code: 'UNSET' });
    expect(exceptionTypes(nest.request_context)).toEqual(['BadRequestException']);
  });

  it('are errors for a 5xx HttpException', async () => {
    const { server, nest } = await requestSpans('/debug/fail?rate=1', 500);

    expect(server.status.code).toBe('ERROR');
    expect(Object.keys(nest).sort()).toEqual(['handler', 'request_context']);
    for (const span of Object.values(nest)) {
      expect(span.status).toEqual({ code: 'ERROR', message: 'Injected fault.' });
      expect(exceptionTypes(span)).toEqual(['InternalServerErrorException']);
    }
  });
});

import {
  type OtlpReceiver,
  startOtlpReceiver,
  stopAllFixtures,
} from '@seda/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createSqliteDatabase,
  randomSuffix,
  type TestDatabase,
} from '../helpers/databases.js';
import { createRoom } from '../helpers/fixtures.js';
import { startInstrumentedApp } from './support/instrumented-app.js';
import { serverRequestCounts, serverSpans } from './support/received.js';
import { searchableText } from './support/search-text.js';

let receiver: OtlpReceiver;
let database: TestDatabase;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  database = await createSqliteDatabase();
});

afterEach(async () => {
  await stopAllFixtures();
  receiver.reset();
});

afterAll(async () => {
  await receiver.close();
  await database.drop();
});

describe('secrets in requests', () => {
  const secrets = {
    bearer: `bearer-${randomSuffix()}`,
    cookie: `cookie-${randomSuffix()}`,
    token: `token-${randomSuffix()}`,
  };
  const headers = {
    authorization: `Bearer ${secrets.bearer}`,
    cookie: `session=${secrets.cookie}`,
  };

  /** Lists the names of the secrets that `text` contains. */
  function secretsIn(text: string): string[] {
    return Object.entries(secrets)
      .filter(([, secret]) => text.includes(secret))
      .map(([name]) => name);
  }

  it('stay out of exported telemetry', async () => {
    const app = await startInstrumentedApp(receiver, {
      databaseUrl: database.url,
    });
    const roomId = await createRoom(app.api);

    const read = await fetch(
      `${app.url}/rooms/${roomId}?token=${secrets.token}`,
      { headers },
    );
    // The history query DTO forbids unknown parameters, so this is a 400.
    const rejected = await fetch(
      `${app.url}/rooms/${roomId}/messages?limit=5&token=${secrets.token}`,
      { headers },
    );
    const exit = await app.fixture.stop();

    expect(read.status).toBe(200);
    expect(rejected.status).toBe(400);
    expect(serverRequestCounts(receiver.metrics())).toMatchObject({
      'GET /rooms/:id 200': 1,
      'GET /rooms/:roomId/messages 400': 1,
    });
    const nestUrls = receiver
      .spans()
      .filter((span) => span.attributes['nestjs.type'] === 'request_context')
      .map((span) => span.attributes['url.full']);
    expect(nestUrls).toContain(`/rooms/${roomId}?token=REDACTED`);
    expect(
      serverSpans(receiver.spans()).map((span) => span.attributes['url.query']),
    ).toContain('limit=5&token=REDACTED');
    expect(secretsIn(searchableText(receiver.spans()))).toEqual([]);
    expect(secretsIn(searchableText(receiver.metrics()))).toEqual([]);
    expect(secretsIn(searchableText(receiver.logs()))).toEqual([]);
    expect(secretsIn(exit.stdout + exit.stderr)).toEqual([]);
  });
});

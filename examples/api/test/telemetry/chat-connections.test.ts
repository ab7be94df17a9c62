import {
  type OtlpReceiver,
  startOtlpReceiver,
  stopAllFixtures,
} from '@seda/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CHAT_LIBRARIES,
  connectChat,
  killChatClients,
  type ChatTestClient,
} from '../chat/support/chat-clients.js';
import {
  createSqliteDatabase,
  type TestDatabase,
} from '../helpers/databases.js';
import {
  ACTIVE_CONNECTIONS,
  CONNECTIONS_CLOSED,
  CONNECTIONS_OPENED,
  latestValue,
  valuesBy,
  waitForValue,
} from './support/chat-metrics.js';
import { startInstrumentedChatApp } from './support/chat-app.js';
import { gatewayAttributes } from './support/chat-trees.js';

let receiver: OtlpReceiver;
let database: TestDatabase;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  database = await createSqliteDatabase();
});

afterEach(async () => {
  killChatClients();
  await stopAllFixtures();
  receiver.reset();
});

afterAll(async () => {
  await receiver?.close();
  await database?.drop();
});

const CLOSE_REASON = 'websocket.close.reason';

describe.each(CHAT_LIBRARIES)('chat connections on %s', (library) => {
  const gateway = gatewayAttributes(library);

  it('gauge returns to 0 after closes and kills', async () => {
    const app = await startInstrumentedChatApp(receiver, {
      databaseUrl: database.url,
    });
    const clients: ChatTestClient[] = [];
    for (let i = 0; i < 4; i += 1) {
      clients.push(await connectChat(library, app.endpoints));
    }
    await waitForValue(receiver, ACTIVE_CONNECTIONS, gateway, 4);

    const [first, second, third, fourth] = clients;
    await first?.close();
    await second?.close();
    third?.kill();
    fourth?.kill();

    await waitForValue(receiver, ACTIVE_CONNECTIONS, gateway, 0);
    const metrics = receiver.metrics();
    expect(latestValue(metrics, CONNECTIONS_OPENED, gateway)).toBe(4);
    expect(
      valuesBy(metrics, CONNECTIONS_CLOSED, gateway, CLOSE_REASON),
    ).toEqual({ client_close: 4 });
  });

  it('gauge returns to 0 at server shutdown', async () => {
    const app = await startInstrumentedChatApp(receiver, {
      databaseUrl: database.url,
    });
    await connectChat(library, app.endpoints);
    await connectChat(library, app.endpoints);
    await waitForValue(receiver, ACTIVE_CONNECTIONS, gateway, 2);

    const exit = await app.fixture.stop('SIGTERM');

    expect([0, 'SIGTERM']).toContain(exit.signal ?? exit.code);
    const metrics = receiver.metrics();
    expect(latestValue(metrics, ACTIVE_CONNECTIONS, gateway)).toBe(0);
    expect(
      valuesBy(metrics, CONNECTIONS_CLOSED, gateway, CLOSE_REASON),
    ).toEqual({ server_shutdown: 2 });
  });
});

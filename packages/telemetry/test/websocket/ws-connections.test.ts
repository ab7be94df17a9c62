import {
  type OtlpReceiver,
  startOtlpReceiver,
  stopAllFixtures,
} from '@seda/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeClients,
  connectWs,
  latestPoint,
  startApp,
  startClientProcess,
  waitForValue,
} from './support.js';

let receiver: OtlpReceiver;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
});

afterEach(async () => {
  closeClients();
  await stopAllFixtures();
  receiver.reset();
});

afterAll(async () => {
  await receiver.close();
});

const CHAT = { 'websocket.library': 'ws', 'websocket.path': '/chat' };
const ACTIVE = 'websocket.server.active_connections';
const CLOSED = 'websocket.server.connection.closed';

async function startWs(env: Record<string, string> = {}) {
  const { fixture, url } = await startApp(receiver, 'ws-app.mjs', { env });
  return { fixture, chat: `${url.replace('http', 'ws')}/chat` };
}

async function expectClosed(reason: string, count = 1) {
  await waitForValue(receiver, ACTIVE, CHAT, 0);
  await waitForValue(
    receiver,
    CLOSED,
    { ...CHAT, 'websocket.close.reason': reason },
    count,
  );
  const duration = latestPoint(
    receiver.metrics(),
    'websocket.server.connection.duration',
    {
      ...CHAT,
      'websocket.close.reason': reason,
    },
  );
  expect(duration?.count).toBe(count);
}

describe('ws connections', () => {
  it('return to 0 after a clean close', async () => {
    const { chat } = await startWs();
    const socket = await connectWs(chat);

    await waitForValue(receiver, ACTIVE, CHAT, 1);
    socket.close(1000);
    await expectClosed('client_close');
  });

  it('return to 0 after the client is killed', async () => {
    const { chat } = await startWs();
    const client = await startClientProcess('ws', chat);

    await waitForValue(receiver, ACTIVE, CHAT, 1);
    await client.stop('SIGKILL');
    await expectClosed('client_close');
  });

  it('return to 0 after the client drops the connection', async () => {
    const { chat } = await startWs();
    const socket = await connectWs(chat);

    await waitForValue(receiver, ACTIVE, CHAT, 1);
    socket.terminate();
    await expectClosed('client_close');
  });

  it('return to 0 after a server-side close', async () => {
    const { chat } = await startWs();
    const socket = await connectWs(chat);

    await waitForValue(receiver, ACTIVE, CHAT, 1);
    socket.send('close');
    await expectClosed('server_close');
  });

  it('return to 0 after a ping timeout', async () => {
    const { chat } = await startWs({ HEARTBEAT_MS: '100' });
    await connectWs(chat, { autoPong: false });

    await waitForValue(receiver, 'websocket.server.connection.opened', CHAT, 1);
    await expectClosed('ping_timeout');
  });

  it('return to 0 after the server shuts down', async () => {
    const { fixture, chat } = await startWs();
    await connectWs(chat);
    await connectWs(chat);

    await waitForValue(receiver, ACTIVE, CHAT, 2);
    process.kill(fixture.pid, 'SIGUSR2');
    await expectClosed('server_shutdown', 2);
  });

  it('records an invalid frame as a transport error', async () => {
    const { chat } = await startWs();
    const socket = await connectWs(chat);

    await waitForValue(receiver, ACTIVE, CHAT, 1);
    // An unmasked frame from a client breaks RFC 6455, section 5.1.
    const raw = (socket as unknown as { _socket: import('node:net').Socket })
      ._socket;
    raw.write(Buffer.from([0x81, 0x02, 0x68, 0x69]));
    await expectClosed('transport_error');
  });
});

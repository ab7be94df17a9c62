import {
  type OtlpReceiver,
  startOtlpReceiver,
  stopAllFixtures,
} from '@seda/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  closeClients,
  connectSocketIo,
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

const CHAT = {
  'websocket.library': 'socket.io',
  'websocket.namespace': '/chat',
};
const ACTIVE = 'websocket.server.active_connections';
const CLOSED = 'websocket.server.connection.closed';

/**
 * Waits for one open connection, closes it with `close`, then waits for no
 * open connection and one close with `reason`.
 */
async function expectClosedBy(
  reason: string,
  close: () => Promise<void> | void,
) {
  await waitForValue(receiver, ACTIVE, CHAT, 1);
  await close();
  await expectClosed(reason);
}

async function expectClosed(reason: string) {
  await waitForValue(receiver, ACTIVE, CHAT, 0);
  await waitForValue(
    receiver,
    CLOSED,
    { ...CHAT, 'websocket.close.reason': reason },
    1,
  );
  const duration = latestPoint(
    receiver.metrics(),
    'websocket.server.connection.duration',
    {
      ...CHAT,
      'websocket.close.reason': reason,
    },
  );
  expect(duration?.count).toBe(1);
}

describe('socket.io connections', () => {
  it('return to 0 after a clean close', async () => {
    const { url } = await startApp(receiver, 'socketio-app.mjs');
    const socket = await connectSocketIo(`${url}/chat`);

    await expectClosedBy('client_close', () => {
      socket.disconnect();
    });
  });

  it('return to 0 after the client is killed', async () => {
    const { url } = await startApp(receiver, 'socketio-app.mjs');
    const client = await startClientProcess('socket.io', `${url}/chat`);

    await expectClosedBy('client_close', async () => {
      await client.stop('SIGKILL');
    });
  });

  it('return to 0 after a server-side close', async () => {
    const { url } = await startApp(receiver, 'socketio-app.mjs');
    const socket = await connectSocketIo(`${url}/chat`);

    await expectClosedBy('server_close', () => {
      socket.emit('kick');
    });
  });

  it('return to 0 after a ping timeout', async () => {
    const { url } = await startApp(receiver, 'socketio-app.mjs', {
      env: { PING_INTERVAL_MS: '200', PING_TIMEOUT_MS: '200' },
    });
    // A bare Engine.IO client that joins `/chat` and never responds to a ping.
    const engine = new WebSocket(
      `${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`,
    );
    engine.once('message', () => engine.send('40/chat,'));

    // The connection lives about 400 ms, too short to be sure an export
    // catches it open, so the opened counter shows it was counted.
    await waitForValue(receiver, 'websocket.server.connection.opened', CHAT, 1);
    await expectClosed('ping_timeout');
    engine.terminate();
  });

  it('return to 0 after the server closes', async () => {
    const { url } = await startApp(receiver, 'socketio-app.mjs');
    const sockets = [
      await connectSocketIo(`${url}/chat`),
      await connectSocketIo(`${url}/chat`),
    ];

    await waitForValue(receiver, ACTIVE, CHAT, 2);
    sockets[0]?.emit('shutdown');
    await waitForValue(receiver, ACTIVE, CHAT, 0);
    await waitForValue(
      receiver,
      CLOSED,
      { ...CHAT, 'websocket.close.reason': 'server_shutdown' },
      2,
    );
  });

  it('keeps ids and auth off the handshake span', async () => {
    const { url } = await startApp(receiver, 'socketio-app.mjs');
    await connectSocketIo(`${url}/chat`, { auth: { user: 'alice' } });

    const [connect] = await receiver.waitForSpans({ name: 'connect /chat' });
    expect(connect?.attributes).toEqual({
      ...CHAT,
      'websocket.transport': 'websocket',
    });
    expect(connect?.events).toEqual([]);
    expect(connect?.links).toEqual([]);
  });

  it('fails a handshake a middleware rejects', async () => {
    const { url } = await startApp(receiver, 'socketio-app.mjs');

    const rejected = connectSocketIo(`${url}/chat`, {
      auth: { token: 'revoked' },
    });
    await expect(rejected).rejects.toThrow('token revoked');
    await connectSocketIo(`${url}/chat`);

    const spans = await receiver.waitForSpans(
      { name: 'connect /chat' },
      { count: 2 },
    );
    const failed = spans.filter((span) => span.status.code === 'ERROR');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.status.message).toBe('token revoked');
    await waitForValue(receiver, 'websocket.server.connection.opened', CHAT, 1);
    await waitForValue(receiver, ACTIVE, CHAT, 1);
  });
});

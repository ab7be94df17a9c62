import { waitUntil } from './wait-until.js';

/** Sends a JSON request to the example API and returns the status. */
export async function send(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<number> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    ...(body === undefined
      ? {}
      : {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Exercises the paths whose metrics the rules use: sign-up, a room, a
 * message that shares a track (business counters and Prisma), a 5xx and a
 * failed authentication from the fault routes, and the health endpoint.
 */
export async function exerciseApi(baseUrl: string): Promise<number[]> {
  const suffix = `${process.pid}${Date.now() % 100_000}`;
  return [
    await send(baseUrl, 'POST', '/users', {
      email: `contract${suffix}@example.com`,
      username: `contract${suffix}`,
      displayName: 'Contract',
    }),
    await send(baseUrl, 'POST', '/rooms', { name: `contract${suffix}` }),
    await send(baseUrl, 'POST', '/rooms/1/join', { userId: 1 }),
    await send(baseUrl, 'POST', '/rooms/1/messages', {
      userId: 1,
      text: 'hello',
      track: {
        provider: 'spotify',
        title: 'Song',
        artist: 'Artist',
        url: 'https://open.spotify.com/track/1',
      },
    }),
    await send(baseUrl, 'GET', '/rooms/1/messages?limit=10'),
    await send(baseUrl, 'GET', '/debug/fail?rate=1'),
    await send(baseUrl, 'GET', '/debug/unauthorized?reason=invalid_token'),
    await send(baseUrl, 'GET', '/health'),
  ];
}

/** Opens a WebSocket to the chat gateway and resolves once it is open. */
export async function openChatSocket(wsUrl: string): Promise<WebSocket> {
  const socket = new WebSocket(wsUrl);
  await waitUntil(
    `the WebSocket to ${wsUrl} to open`,
    () => {
      if (socket.readyState === WebSocket.CLOSED) {
        throw new Error(`the WebSocket to ${wsUrl} closed`);
      }
      return socket.readyState === WebSocket.OPEN ? true : undefined;
    },
    { timeoutMillis: 10_000, intervalMillis: 50 },
  );
  return socket;
}

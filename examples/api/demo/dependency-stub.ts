import { createServer } from 'node:http';
import type { Socket } from 'node:net';

/** Paths the stub serves, one per dependency it plays. */
const AUTH_PATH = '/auth/v1/health';
const SPOTIFY_PATH = '/spotify/v1/health';

/** A local HTTP server that plays the auth provider and Spotify. */
export interface DependencyStub {
  /** The auth provider's health URL, given to the API as `AUTH_HEALTH_URL`. */
  readonly authUrl: string;
  /** Spotify's health URL, given to the API as `SPOTIFY_HEALTH_URL`. */
  readonly spotifyUrl: string;
  /** Health requests the stub served so far. */
  requestCount(): number;
  /** Closes the server and its connections; later requests are refused. */
  stop(): Promise<void>;
}

/**
 * Starts the stub on 127.0.0.1 with an ephemeral port. It returns 200 with
 * a small JSON body on its two health paths and 404 elsewhere.
 */
export async function startDependencyStub(): Promise<DependencyStub> {
  const sockets = new Set<Socket>();
  let requests = 0;
  let stopping: Promise<void> | undefined;
  const server = createServer((request, response) => {
    const known = request.url === AUTH_PATH || request.url === SPOTIFY_PATH;

    if (known) requests += 1;
    response.writeHead(known ? 200 : 404, {
      'content-type': 'application/json',
    });
    response.end(known ? '{"status":"ok"}' : '{"error":"not found"}');
  });

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const { port } = server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;

  return {
    authUrl: `${base}${AUTH_PATH}`,
    spotifyUrl: `${base}${SPOTIFY_PATH}`,
    requestCount: () => requests,
    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return stopping;
    },
  };
}

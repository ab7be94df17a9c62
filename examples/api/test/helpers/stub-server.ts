import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';

/** A local HTTP server that responds to every request with one status. */
export interface StubServer {
  readonly url: string;
  /** Requests received so far, as `METHOD path`. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startStubServer(status = 200): Promise<StubServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end('{"status":"ok"}');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null)
    throw new Error('no address');

  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

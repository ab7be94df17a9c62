import {
  createServer as createHttpServer,
  type RequestListener,
} from 'node:http';
import {
  createServer as createTcpServer,
  type Server,
  type Socket,
} from 'node:net';

/** A server listening on 127.0.0.1 with an ephemeral port. */
export interface LocalServer {
  readonly port: number;
  readonly url: string;
  /** Connections accepted so far. */
  connections(): number;
  /** Ends every connection and stops listening. */
  close(): Promise<void>;
}

/** Starts a TCP server that accepts connections and never sends a byte. */
export function startSilentServer(): Promise<LocalServer> {
  return listen(createTcpServer(), 'tcp');
}

/** Starts an HTTP server with the given listener. */
export function startHttpServer(
  listener: RequestListener,
): Promise<LocalServer> {
  return listen(createHttpServer(listener), 'http');
}

async function listen(server: Server, scheme: string): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  server.on('connection', (socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null)
    throw new Error('no address');

  return {
    port: address.port,
    url: `${scheme}://127.0.0.1:${address.port}`,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

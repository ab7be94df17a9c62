import { connect, createServer, type Socket } from 'node:net';

/** A TCP proxy on 127.0.0.1 that can be cut to make its target unreachable. */
export interface TcpProxy {
  readonly port: number;
  /** Destroys every connection and stops listening, like a dead server. */
  cut(): Promise<void>;
}

/** Forwards connections from an ephemeral port to `host:port`. */
export async function startTcpProxy(
  host: string,
  port: number,
): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    const upstream = connect(port, host);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null)
    throw new Error('no address');

  return {
    port: address.port,
    cut: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

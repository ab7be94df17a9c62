import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable } from '@nestjs/common';
import { CHAT_WS_PATH } from './chat-events.js';

/**
 * The HTTP server of the `ws` gateways, on a port of its own: NestJS's
 * `WsAdapter` destroys every upgrade request for a path it does not serve,
 * socket.io's among them, so the two cannot share the app's server. Plain
 * HTTP requests get 426 Upgrade Required.
 */
@Injectable()
export class WsGatewayServer {
  readonly httpServer: Server = createServer((_request, response) => {
    response.writeHead(426, {
      'content-type': 'text/plain',
      upgrade: 'websocket',
    });
    response.end('Upgrade Required: connect with a WebSocket client.\n');
  });

  /** Listens and returns the URL of the chat gateway, `ws://HOST:PORT/chat`. */
  async listen(port: number, host: string): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.httpServer.once('error', reject);
      this.httpServer.listen(port, host, () => {
        this.httpServer.off('error', reject);
        resolve();
      });
    });
    return chatUrl(this.httpServer.address() as AddressInfo);
  }

  /** Closes the server and its idle connections, if it listens. */
  async close(): Promise<void> {
    if (!this.httpServer.listening) return;

    const closed = new Promise<void>((resolve) =>
      this.httpServer.close(() => resolve()),
    );
    this.httpServer.closeIdleConnections();
    await closed;
  }
}

function chatUrl(address: AddressInfo): string {
  const host =
    address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `ws://${host}:${address.port}${CHAT_WS_PATH}`;
}

import type { INestApplication, WebSocketAdapter } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { WsAdapter } from '@nestjs/platform-ws';
import type {
  GatewayMetadata,
  MessageMappingProperties,
} from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import { WsGatewayServer } from './ws-gateway-server.js';

/** `@WebSocketGateway` options, with the library that serves the gateway. */
export interface GatewayOptions extends GatewayMetadata {
  /** `ws` for NestJS's `WsAdapter`. Default: socket.io. */
  library?: 'socket.io' | 'ws';
}

type MessageTransform = (data: unknown) => Observable<unknown>;
type IoOptions = Parameters<IoAdapter['create']>[1];
type WsOptions = Parameters<WsAdapter['create']>[1];

/**
 * Serves gateways marked `library: 'ws'` with NestJS's `WsAdapter` on the
 * `ws` gateway server and every other gateway with `IoAdapter` on the
 * app's HTTP server. A Nest app takes one WebSocket adapter, and neither
 * of NestJS's serves the other's clients.
 */
export class GatewayAdapter implements WebSocketAdapter {
  private readonly io: IoAdapter;
  private readonly ws: WsAdapter;
  private readonly wsServers = new WeakSet<object>();
  private readonly wsClients = new WeakSet<object>();

  constructor(
    app: INestApplication,
    private readonly wsServer: WsGatewayServer,
  ) {
    this.io = new IoAdapter(app);
    this.ws = new WsAdapter(wsServer.httpServer);
  }

  /** Set by NestJS from the app's `forceCloseConnections` option. */
  set forceCloseConnections(value: boolean) {
    this.io.forceCloseConnections = value;
    this.ws.forceCloseConnections = value;
  }

  create(port: number, options: GatewayOptions = {}): unknown {
    // NestJS hands the decorator's options over unchecked, and each
    // adapter passes them on to its library.
    const { library, ...rest } = options;
    if (library !== 'ws') return this.io.create(port, rest as IoOptions);

    const server: object = this.ws.create(port, rest as WsOptions);
    this.wsServers.add(server);
    return server;
  }

  bindClientConnect(server: object, callback: Function): void {
    if (!this.wsServers.has(server)) {
      this.io.bindClientConnect(server, callback);
      return;
    }
    this.ws.bindClientConnect(server, (client: object, ...rest: unknown[]) => {
      this.wsClients.add(client);
      return callback(client, ...rest);
    });
  }

  bindClientDisconnect(client: object, callback: Function): void {
    if (this.wsClients.has(client)) {
      this.ws.bindClientDisconnect(client, callback);
    } else {
      this.io.bindClientDisconnect(client as never, callback);
    }
  }

  bindMessageHandlers(
    client: object,
    handlers: MessageMappingProperties[],
    transform: MessageTransform,
  ): void {
    if (this.wsClients.has(client)) {
      this.ws.bindMessageHandlers(client, handlers, transform);
    } else {
      this.io.bindMessageHandlers(client as never, handlers, transform);
    }
  }

  async close(server: object): Promise<void> {
    await (this.wsServers.has(server)
      ? this.ws.close(server)
      : this.io.close(server as never));
  }

  /** Runs after `close` of every server: the `ws` port closes last. */
  async dispose(): Promise<void> {
    await Promise.all([this.io.dispose(), this.ws.dispose()]);
    await this.wsServer.close();
  }
}

/** Installs the `GatewayAdapter` on an app; call it before `app.init()`. */
export function useGatewayAdapter(app: INestApplication): void {
  app.useWebSocketAdapter(new GatewayAdapter(app, app.get(WsGatewayServer)));
}

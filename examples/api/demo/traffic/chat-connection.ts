import { Agent } from 'node:http';
import type { Socket as TcpSocket } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type { ChatLibrary } from './chat-stats.js';

/** URLs of the API's chat gateways. */
export interface ChatEndpoints {
  /** The API's base URL, whose `/chat` namespace is the socket.io gateway. */
  baseUrl: string;
  /** The URL of the `ws` gateway, as the API logs it. */
  wsUrl: string;
}

/** The reply to a request: the handler's result, or the error body. */
export type ChatReply =
  { ok: true; data: unknown } | { ok: false; error: unknown };

/** One chat connection of either library. */
export interface ChatConnection {
  /** Sends `event` and resolves with its reply; rejects without one. */
  request(event: string, data: unknown): Promise<ChatReply>;
  /** Sends `event` without asking for a reply. */
  notify(event: string, data: unknown): void;
  /** Calls `listener` for each event the server sends that is no reply. */
  onEvent(listener: (event: string, data: unknown) => void): void;
  /** Closes the connection with a closing handshake. */
  close(): void;
  /** Destroys the TCP connection, as a crashed client or a lost network does. */
  destroy(): void;
}

/** Time after which a request without a reply is given up. */
const REPLY_TIMEOUT_MILLIS = 10_000;

const CONNECT_TIMEOUT_MILLIS = 10_000;

/**
 * Connects to the chat gateway of `library`, with `traceparent` in
 * socket.io's `auth` or in the `ws` upgrade request's headers when given.
 */
export function connectChat(
  library: ChatLibrary,
  endpoints: ChatEndpoints,
  traceparent: string | undefined,
): Promise<ChatConnection> {
  return library === 'socket.io'
    ? connectSocketIo(endpoints.baseUrl, traceparent)
    : connectWs(endpoints.wsUrl, traceparent);
}

/** An agent that keeps its TCP sockets, so that a client can destroy them. */
class TcpTrackingAgent extends Agent {
  readonly tcpSockets = new Set<TcpSocket>();

  override createConnection(
    ...args: Parameters<Agent['createConnection']>
  ): ReturnType<Agent['createConnection']> {
    const socket = super.createConnection(...args);
    if (socket) this.tcpSockets.add(socket as TcpSocket);
    return socket;
  }
}

async function connectSocketIo(
  baseUrl: string,
  traceparent: string | undefined,
): Promise<ChatConnection> {
  const agent = new TcpTrackingAgent();
  const socket = io(new URL('/chat', baseUrl).href, {
    transports: ['websocket'],
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MILLIS,
    auth: traceparent === undefined ? {} : { traceparent },
    // engine.io-client passes the agent on to `ws`, though it types it as
    // a string.
    agent: agent as unknown as string,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socketIoConnection(socket, agent);
}

function socketIoConnection(
  socket: Socket,
  agent: TcpTrackingAgent,
): ChatConnection {
  return {
    async request(event, data) {
      const reply: unknown = await socket
        .timeout(REPLY_TIMEOUT_MILLIS)
        .emitWithAck(event, data);
      const error = (reply as { error?: unknown } | null)?.error;
      return error === undefined
        ? { ok: true, data: reply }
        : { ok: false, error };
    },
    notify: (event, data) => socket.emit(event, data),
    onEvent: (listener) => socket.onAny(listener),
    close: () => socket.disconnect(),
    destroy: () => {
      for (const tcp of agent.tcpSockets) tcp.destroy();
    },
  };
}

/** A request waiting for its reply frame. */
interface PendingReply {
  event: string;
  settle(reply: ChatReply | Error): void;
}

async function connectWs(
  url: string,
  traceparent: string | undefined,
): Promise<ChatConnection> {
  const socket = new WebSocket(url, {
    handshakeTimeout: CONNECT_TIMEOUT_MILLIS,
    headers: traceparent === undefined ? {} : { traceparent },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return new WsConnection(socket);
}

/**
 * A `ws` chat connection. The gateway replies to a request with a frame of
 * the same event, or with an `exception` frame that names the event.
 * NOTE: replies carry no request id, so two requests of one event in
 * flight at once can get each other's replies. Sessions send one request
 * at a time.
 */
class WsConnection implements ChatConnection {
  private readonly pending: PendingReply[] = [];
  private listener: ((event: string, data: unknown) => void) | undefined;

  constructor(private readonly socket: WebSocket) {
    socket.on('message', (frame: Buffer) => this.receive(String(frame)));
    socket.on('error', () => undefined);
    socket.once('close', () => this.failPending());
  }

  request(event: string, data: unknown): Promise<ChatReply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => settle(new Error(`no reply to ${event}`)),
        REPLY_TIMEOUT_MILLIS,
      );
      const settle = (reply: ChatReply | Error) => {
        clearTimeout(timer);
        this.drop(entry);
        if (reply instanceof Error) reject(reply);
        else resolve(reply);
      };
      const entry: PendingReply = { event, settle };

      this.pending.push(entry);
      this.notify(event, data);
    });
  }

  notify(event: string, data: unknown): void {
    if (this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ event, data }));
    }
  }

  onEvent(listener: (event: string, data: unknown) => void): void {
    this.listener = listener;
  }

  close(): void {
    this.socket.close();
  }

  destroy(): void {
    this.socket.terminate();
  }

  private receive(text: string): void {
    const frame = parseFrame(text);
    if (frame === undefined) return;

    const { event, data } = frame;
    const failed = event === 'exception' ? data?.event : undefined;
    const waiting = this.pending.find(
      (entry) => entry.event === event || entry.event === failed,
    );

    if (waiting === undefined) this.listener?.(event, data);
    else if (failed === undefined) waiting.settle({ ok: true, data });
    else waiting.settle({ ok: false, error: data });
  }

  private drop(entry: PendingReply): void {
    const index = this.pending.indexOf(entry);
    if (index >= 0) this.pending.splice(index, 1);
  }

  private failPending(): void {
    for (const entry of [...this.pending]) {
      entry.settle(
        new Error(`connection closed before the reply to ${entry.event}`),
      );
    }
  }
}

/** Parses a gateway frame, or returns undefined for one that is not JSON. */
function parseFrame(text: string): { event: string; data: any } | undefined {
  try {
    return JSON.parse(text) as { event: string; data: any };
  } catch {
    // The gateway sends only JSON, so this frame came from elsewhere.
    return undefined;
  }
}

import { Agent } from 'node:http';
import type { Socket as TcpSocket } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';

export type ChatLibrary = 'socket.io' | 'ws';

export const CHAT_LIBRARIES: readonly ChatLibrary[] = ['socket.io', 'ws'];

/** URLs of the two chat gateways of one app. */
export interface ChatEndpoints {
  /** The HTTP base URL, whose `/chat` namespace is the socket.io gateway. */
  url: string;
  /** The URL of the `ws` gateway. */
  wsUrl: string;
}

/** The error body in the reply to a failed request. */
export interface ChatErrorBody {
  status: 'error';
  event: string;
  statusCode: number;
  message: string | string[];
}

/** A reply: the handler's result, or the error the gateway sent. */
export type ChatReply<T = any> =
  { data: T; error?: undefined } | { data?: undefined; error: ChatErrorBody };

export interface ReceivedEvent {
  event: string;
  data: any;
}

/** A connected client of either gateway, for tests. */
export interface ChatTestClient {
  readonly library: ChatLibrary;
  /** Sends `event` and resolves with its reply. */
  request<T = any>(event: string, data: unknown): Promise<ChatReply<T>>;
  /** Sends `event` without asking for a reply. */
  send(event: string, data: unknown): void;
  /** Resolves with the data of the next `event` the server sends. */
  next<T = any>(event: string): Promise<T>;
  /** Every event the server sent so far, oldest first. */
  received(): ReceivedEvent[];
  /** Closes the connection cleanly and waits until it is closed. */
  close(): Promise<void>;
  /** Destroys the TCP connection without a closing handshake. */
  kill(): void;
}

export interface ConnectOptions {
  /** Sent in socket.io's `auth` or in the `ws` upgrade request's headers. */
  traceparent?: string;
}

/** Time a test waits for one reply or event. */
const WAIT_MILLIS = 5_000;

const openClients = new Set<ChatTestClient>();

export function connectChat(
  library: ChatLibrary,
  endpoints: ChatEndpoints,
  options: ConnectOptions = {},
): Promise<ChatTestClient> {
  return library === 'socket.io'
    ? connectSocketIo(endpoints.url, options)
    : connectWs(endpoints.wsUrl, options);
}

/** Kills every client still open; call it from `afterEach`. */
export function killChatClients(): void {
  for (const client of openClients) client.kill();
  openClients.clear();
}

/** Records received events and resolves waits for the next of a name. */
class EventLog {
  private readonly events: ReceivedEvent[] = [];
  private readonly waiters: {
    accepts(event: ReceivedEvent): boolean;
    resolve(event: ReceivedEvent): void;
  }[] = [];

  add(event: ReceivedEvent): void {
    this.events.push(event);
    const index = this.waiters.findIndex((waiter) => waiter.accepts(event));
    if (index >= 0) this.waiters.splice(index, 1)[0]?.resolve(event);
  }

  all(): ReceivedEvent[] {
    return [...this.events];
  }

  next(
    description: string,
    accepts: (event: ReceivedEvent) => boolean,
  ): Promise<ReceivedEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const seen = this.events.map((event) => event.event).join(', ');
        reject(
          new Error(`no ${description} in ${WAIT_MILLIS} ms; got ${seen}`),
        );
      }, WAIT_MILLIS);
      this.waiters.push({
        accepts,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      });
    });
  }
}

/**
 * An agent that keeps the TCP sockets it opens, so that a test can destroy
 * the one under a socket.io connection.
 */
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
  url: string,
  options: ConnectOptions,
): Promise<ChatTestClient> {
  const agent = new TcpTrackingAgent();
  const socket = io(`${url}/chat`, {
    transports: ['websocket'],
    reconnection: false,
    auth: options.traceparent ? { traceparent: options.traceparent } : {},
    // engine.io-client passes the agent on to `ws`, whose types it lacks.
    agent: agent as unknown as string,
  });
  const log = new EventLog();
  socket.onAny((event: string, data: unknown) => log.add({ event, data }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });

  const client = socketIoTestClient(socket, log, agent);
  openClients.add(client);
  return client;
}

function socketIoTestClient(
  socket: Socket,
  log: EventLog,
  agent: TcpTrackingAgent,
): ChatTestClient {
  return {
    library: 'socket.io',
    async request(event, data) {
      const reply = await socket.timeout(WAIT_MILLIS).emitWithAck(event, data);
      return isErrorReply(reply) ? { error: reply.error } : { data: reply };
    },
    send: (event, data) => socket.emit(event, data),
    next: async (event) =>
      (await log.next(event, (received) => received.event === event)).data,
    received: () => log.all(),
    close: async () => {
      const closed = new Promise((resolve) =>
        socket.once('disconnect', resolve),
      );
      socket.disconnect();
      await closed;
    },
    kill: () => {
      for (const tcp of agent.tcpSockets) tcp.destroy();
    },
  };
}

function isErrorReply(reply: unknown): reply is { error: ChatErrorBody } {
  return typeof reply === 'object' && reply !== null && 'error' in reply;
}

async function connectWs(
  url: string,
  options: ConnectOptions,
): Promise<ChatTestClient> {
  const headers = options.traceparent
    ? { traceparent: options.traceparent }
    : undefined;
  const socket = new WebSocket(url, { headers });
  const log = new EventLog();
  socket.on('message', (frame: Buffer) => {
    const { event, data } = JSON.parse(frame.toString()) as ReceivedEvent;
    log.add({ event, data });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });

  const client = wsTestClient(socket, log);
  openClients.add(client);
  return client;
}

function wsTestClient(socket: WebSocket, log: EventLog): ChatTestClient {
  const send = (event: string, data: unknown) =>
    socket.send(JSON.stringify({ event, data }));

  return {
    library: 'ws',
    async request(event, data) {
      // The reply has the request's event; a failure is an `exception`
      // whose data names the event.
      const reply = log.next(
        `reply to ${event}`,
        (received) =>
          received.event === event ||
          (received.event === 'exception' && received.data?.event === event),
      );
      send(event, data);
      const received = await reply;
      return received.event === 'exception'
        ? { error: received.data }
        : { data: received.data };
    },
    send,
    next: async (event) =>
      (await log.next(event, (received) => received.event === event)).data,
    received: () => log.all(),
    close: async () => {
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.close();
      await closed;
    },
    kill: () => socket.terminate(),
  };
}

import { io, type Socket } from 'socket.io-client';
import { quantile } from '../report/statistics.js';

/** The measurements of one socket.io run. */
export interface WsLoadResult {
  /** Acknowledged round trips. */
  readonly messages: number;
  readonly messagesPerSecond: number;
  readonly p50Millis: number;
  readonly p99Millis: number;
  /** Round trips acknowledged with an error or not acknowledged in time. */
  readonly errors: number;
}

export interface WsLoadOptions {
  readonly clients: number;
  readonly seconds: number;
}

/** Time a single acknowledgement may take before it counts as an error. */
const ACK_TIMEOUT_MILLIS = 5_000;

/**
 * A socket.io client of the `/chat` namespace. Client `index` joins room
 * `index + 2` as user `index + 2`, a membership the seeded database already
 * has: each round trip is three Prisma reads and no write, with no broadcast
 * because no other connection is in that room.
 */
export class ChatClient {
  private constructor(
    private readonly socket: Socket,
    private readonly member: { roomId: number; userId: number },
  ) {}

  static connect(baseUrl: string, index: number): Promise<ChatClient> {
    const socket = io(`${baseUrl}/chat`, {
      transports: ['websocket'],
      reconnection: false,
    });
    const member = { roomId: index + 2, userId: index + 2 };
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new ChatClient(socket, member)));
      socket.once('connect_error', reject);
    });
  }

  /** Sends `room:join` and resolves with whether the reply was a success. */
  async roundTrip(): Promise<boolean> {
    const reply: unknown = await this.socket
      .timeout(ACK_TIMEOUT_MILLIS)
      .emitWithAck('room:join', this.member)
      .catch(() => undefined);
    return typeof reply === 'object' && reply !== null && !('error' in reply);
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** Connects `clients` clients, and closes them after `use`. */
export async function withChatClients<T>(
  baseUrl: string,
  clients: number,
  use: (connected: readonly ChatClient[]) => Promise<T>,
): Promise<T> {
  const connected = await Promise.all(
    Array.from({ length: clients }, (_, index) =>
      ChatClient.connect(baseUrl, index),
    ),
  );
  try {
    return await use(connected);
  } finally {
    for (const client of connected) client.close();
  }
}

/**
 * Measures socket.io round trips: every client sends one request at a time,
 * in a closed loop, for `seconds`, after one unmeasured round trip each.
 */
export function runWsLoad(
  baseUrl: string,
  options: WsLoadOptions,
): Promise<WsLoadResult> {
  return withChatClients(baseUrl, options.clients, async (clients) => {
    await Promise.all(clients.map((client) => client.roundTrip()));
    return measure(clients, options.seconds);
  });
}

async function measure(
  clients: readonly ChatClient[],
  seconds: number,
): Promise<WsLoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const startedAt = performance.now();
  const endAt = startedAt + seconds * 1000;

  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < endAt) {
        const sentAt = performance.now();
        if (await client.roundTrip())
          latencies.push(performance.now() - sentAt);
        else errors += 1;
      }
    }),
  );
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    messages: latencies.length,
    messagesPerSecond: latencies.length / elapsedSeconds,
    p50Millis: quantile(latencies, 0.5),
    p99Millis: quantile(latencies, 0.99),
    errors,
  };
}

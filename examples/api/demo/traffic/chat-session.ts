import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiClient } from './api-client.js';
import {
  connectChat,
  type ChatConnection,
  type ChatEndpoints,
  type ChatReply,
} from './chat-connection.js';
import type { ChatLibrary, ChatTrafficStats } from './chat-stats.js';
import {
  messageText,
  pick,
  randomHex,
  REACTION_TYPES,
  type Track,
} from './sample-data.js';
import type { TrafficWorld } from './traffic-world.js';

/** Settings and state that the sessions of every chat client share. */
export interface ChatSessionContext {
  endpoints: ChatEndpoints;
  client: ApiClient;
  world: TrafficWorld;
  stats: ChatTrafficStats;
  /** Tracks that chat messages share, so that some share the same one. */
  tracks: readonly Track[];
  /** Rooms the chat clients meet in, so that broadcasts have listeners. */
  roomIds: readonly number[];
  /** `performance.now()` after which sessions stop their actions. */
  until: number;
  signal: AbortSignal;
}

/** One connection's life: how it starts and how it ends. */
export interface SessionPlan {
  library: ChatLibrary;
  userId: number;
  /** Sent in the handshake, when set. */
  traceparent: string | undefined;
  /** Whether the session ends by destroying its socket, not by leaving. */
  destroy: boolean;
  /** Actions after the join. */
  actions: number;
}

/** Pause between two actions of a session, in milliseconds. */
const THINK_TIME_MILLIS = { min: 60, max: 240 };

/** Share of messages that share one of the session's tracks. */
const TRACK_SHARE = 0.4;

/** Events no gateway declares, as outdated or curious clients send. */
const INVENTED_EVENTS = ['sticker:send', 'presence:ping', 'room:kick'];

/**
 * Connects, joins a room, chats, types, reacts and sends a few invalid
 * requests, then leaves and closes or destroys the socket, as planned.
 */
export async function runChatSession(
  context: ChatSessionContext,
  plan: SessionPlan,
): Promise<void> {
  const { stats } = context;
  const connection = await connectChat(
    plan.library,
    context.endpoints,
    plan.traceparent,
  ).catch((error: unknown) => {
    stats.count(plan.library, 'connectFailures');
    throw error;
  });
  stats.count(plan.library, 'sessions');
  if (plan.traceparent !== undefined) stats.count(plan.library, 'traced');

  const session = new ChatSession(context, plan, connection);
  try {
    await session.run();
  } finally {
    session.end();
  }
}

class ChatSession {
  private readonly roomId: number;
  private readonly seenMessageIds: number[] = [];

  constructor(
    private readonly context: ChatSessionContext,
    private readonly plan: SessionPlan,
    private readonly connection: ChatConnection,
  ) {
    this.roomId = pick(context.roomIds);
    connection.onEvent((event, data) => this.receive(event, data));
  }

  async run(): Promise<void> {
    const joined = await this.request('room:join', this.member());
    if (!joined.ok) return;

    // Every session sends an undeclared event and a message first, so that
    // even a short run has both on each library.
    this.sendInvented();
    await this.sendMessage();
    for (let i = 0; i < this.plan.actions && !this.stopped(); i += 1) {
      await this.chooseAction()();
      await this.pause();
    }
    if (!this.plan.destroy && !this.stopped()) {
      await this.request('room:leave', this.member());
    }
  }

  /** Destroys or closes the connection, whatever the run did. */
  end(): void {
    if (this.plan.destroy) {
      this.context.stats.count(this.plan.library, 'destroyed');
      this.connection.destroy();
    } else {
      this.connection.close();
    }
  }

  private chooseAction(): () => Promise<void> {
    const ticket = Math.random();
    if (ticket < 0.45) return () => this.sendMessage();
    if (ticket < 0.7) return () => this.typeThenSend();
    if (ticket < 0.92) return () => this.react();
    return () => this.sendInvalid();
  }

  private async sendMessage(): Promise<void> {
    const body: Record<string, unknown> = {
      ...this.member(),
      text: messageText(),
    };
    if (Math.random() < TRACK_SHARE) body.track = pick(this.context.tracks);

    const reply = await this.request('message:send', body);
    const id = (reply.ok ? reply.data : undefined) as { id?: number };
    if (typeof id?.id === 'number') {
      this.context.world.addMessage({ id: id.id, roomId: this.roomId });
    }
  }

  private async typeThenSend(): Promise<void> {
    this.notify('typing', { ...this.member(), typing: true });
    await this.pause();
    await this.sendMessage();
  }

  /** Reacts to a message that arrived in the room, else posts one. */
  private async react(): Promise<void> {
    const messageId = this.seenMessageIds.at(
      -1 - Math.floor(Math.random() * 3),
    );
    if (messageId === undefined) return this.sendMessage();

    await this.request('reaction:add', {
      messageId,
      userId: this.plan.userId,
      type: pick(REACTION_TYPES),
    });
  }

  /** Sends a message without text and with a string user id: a 400. */
  private async sendInvalid(): Promise<void> {
    await this.request('message:send', {
      roomId: this.roomId,
      userId: String(this.plan.userId),
      text: '',
    });
  }

  private sendInvented(): void {
    this.notify(pick(INVENTED_EVENTS), {
      roomId: this.roomId,
      id: randomHex(2),
    });
  }

  private async request(event: string, data: unknown): Promise<ChatReply> {
    const { library } = this.plan;
    this.context.stats.count(library, 'eventsSent');
    try {
      const reply = await this.connection.request(event, data);
      if (!reply.ok) this.context.stats.count(library, 'errors');
      return reply;
    } catch (error) {
      this.context.stats.count(library, 'unanswered');
      return { ok: false, error };
    }
  }

  private notify(event: string, data: unknown): void {
    this.context.stats.count(this.plan.library, 'eventsSent');
    this.connection.notify(event, data);
  }

  private receive(event: string, data: unknown): void {
    this.context.stats.count(this.plan.library, 'eventsReceived');
    const id = (data as { id?: unknown } | null)?.id;
    if (event === 'message:new' && typeof id === 'number') {
      this.seenMessageIds.push(id);
    }
  }

  private member(): { roomId: number; userId: number } {
    return { roomId: this.roomId, userId: this.plan.userId };
  }

  private stopped(): boolean {
    return (
      this.context.signal.aborted || performance.now() >= this.context.until
    );
  }

  private async pause(): Promise<void> {
    const { min, max } = THINK_TIME_MILLIS;
    await sleep(min + Math.random() * (max - min), undefined, {
      signal: this.context.signal,
    }).catch(() => undefined);
  }
}

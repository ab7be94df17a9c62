/** Counts of what the demo's chat clients of one library did. */
export interface ChatLibraryCounts {
  /** Connections opened, one per session. */
  sessions: number;
  /** Connections that failed to open. */
  connectFailures: number;
  /** Sessions that sent `traceparent` in the handshake. */
  traced: number;
  /** Sessions that ended by destroying the socket instead of closing it. */
  destroyed: number;
  /** Events sent, requests and notices alike. */
  eventsSent: number;
  /** Requests whose reply was an error. */
  errors: number;
  /** Requests that got no reply in time, or whose connection broke. */
  unanswered: number;
  /** Events the server sent that were no reply: broadcasts and errors. */
  eventsReceived: number;
}

export type ChatLibrary = 'socket.io' | 'ws';

export const CHAT_LIBRARIES: readonly ChatLibrary[] = ['socket.io', 'ws'];

function emptyCounts(): ChatLibraryCounts {
  return {
    sessions: 0,
    connectFailures: 0,
    traced: 0,
    destroyed: 0,
    eventsSent: 0,
    errors: 0,
    unanswered: 0,
    eventsReceived: 0,
  };
}

/** Counts of what the chat clients did, per library. */
export class ChatTrafficStats {
  private readonly libraries = new Map<ChatLibrary, ChatLibraryCounts>(
    CHAT_LIBRARIES.map((library) => [library, emptyCounts()]),
  );

  countsOf(library: ChatLibrary): ChatLibraryCounts {
    return this.libraries.get(library) as ChatLibraryCounts;
  }

  /** Adds one to a count of `library`. */
  count(library: ChatLibrary, key: keyof ChatLibraryCounts): void {
    this.countsOf(library)[key] += 1;
  }
}

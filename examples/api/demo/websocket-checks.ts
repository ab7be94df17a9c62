import type { ReceivedSpan } from '@seda/test-utils';
import type { SignalCheck } from './signal-checks.js';
import { CHAT_LIBRARIES } from './traffic/chat-stats.js';
import {
  ACTIVE_CONNECTIONS_METRIC,
  connectionTimelines,
  CONNECTIONS_OPENED_METRIC,
  HANDLER_DURATION_METRIC,
  MESSAGES_RECEIVED_METRIC,
  MESSAGES_SENT_METRIC,
  openedByLibrary,
  summarizeEvents,
  UNKNOWN_EVENT,
} from './summary/websocket-metrics.js';
import { findChatMessageTrace } from './summary/websocket-trace.js';

const hasSpan = (
  spans: readonly ReceivedSpan[],
  library: string,
  kind: string,
  name: RegExp,
) =>
  spans.some(
    (span) =>
      span.kind === kind &&
      name.test(span.name) &&
      span.attributes['websocket.library'] === library,
  );

/** Handshake and message spans of both libraries, and a room broadcast. */
const hasWebSocketSpans = (spans: readonly ReceivedSpan[]) =>
  CHAT_LIBRARIES.every(
    (library) =>
      hasSpan(spans, library, 'SERVER', /^connect /) &&
      hasSpan(spans, library, 'CONSUMER', /^receive /),
  ) && hasSpan(spans, 'socket.io', 'PRODUCER', /^emit /);

export const WEBSOCKET_SIGNAL_CHECKS: readonly SignalCheck[] = [
  {
    id: 'websocket-spans',
    signal: 'WebSocket connect and receive spans of both libraries, emit spans',
    arrived: ({ spans }) => hasWebSocketSpans(spans),
  },
  {
    id: 'websocket-trace',
    signal: 'a chat trace from the handshake through Prisma to the broadcast',
    arrived: ({ spans }) => findChatMessageTrace(spans) !== undefined,
  },
  {
    id: 'websocket-connections',
    signal:
      `${CONNECTIONS_OPENED_METRIC} of both libraries, and ` +
      `${ACTIVE_CONNECTIONS_METRIC} back to 0`,
    // The gauge is exported once a second, so a short run may never catch
    // it above 0; the counter keeps every connection.
    arrived: ({ metrics }) => {
      const timelines = connectionTimelines(metrics);
      const opened = openedByLibrary(metrics);
      return CHAT_LIBRARIES.every(
        (library) =>
          (opened.get(library) ?? 0) > 0 &&
          timelines.some(
            (timeline) => timeline.library === library && timeline.now === 0,
          ),
      );
    },
  },
  {
    id: 'websocket-messages',
    signal:
      `${MESSAGES_RECEIVED_METRIC}, ${MESSAGES_SENT_METRIC} and ` +
      `${HANDLER_DURATION_METRIC} of both libraries, with ${UNKNOWN_EVENT}`,
    arrived: ({ metrics }) => {
      const events = summarizeEvents(metrics);
      return CHAT_LIBRARIES.every((library) => {
        const own = events.filter((event) => event.library === library);
        return (
          own.some(
            (event) => event.received > 0 && event.event !== UNKNOWN_EVENT,
          ) &&
          own.some((event) => event.sent > 0) &&
          own.some((event) => Number.isFinite(event.handlerP95Millis)) &&
          own.some(
            (event) => event.event === UNKNOWN_EVENT && event.received > 0,
          )
        );
      });
    },
  },
];

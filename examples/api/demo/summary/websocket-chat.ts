import type { ReceivedSpan } from '@seda/test-utils';
import {
  DEFAULT_TREE_ATTRIBUTE_KEYS,
  formatTraceTree,
} from '@seda/telemetry/testing';
import type { DemoTelemetry } from '../demo-telemetry.js';
import {
  CHAT_LIBRARIES,
  type ChatTrafficStats,
} from '../traffic/chat-stats.js';
import { formatMillis, formatSection, formatTable } from './text-layout.js';
import {
  ACTIVE_CONNECTIONS_METRIC,
  connectionTimelines,
  CONNECTIONS_OPENED_METRIC,
  openedByLibrary,
  summarizeEvents,
  UNKNOWN_EVENT,
} from './websocket-metrics.js';
import { findChatMessageTrace, oneChatMessage } from './websocket-trace.js';

export const WEBSOCKET_CHAT_TITLE = 'WebSocket chat (websocket.server.*)';

export const CHAT_TRACE_TITLE =
  'Example trace: handshake, message:send, handler, Prisma, broadcast';

/** Most gauge values printed; longer runs show the maximum of each window. */
const MAX_TIMELINE_VALUES = 30;

/** Attributes printed on the trace's lines, when a span has them. */
const TREE_ATTRIBUTE_KEYS = [
  ...DEFAULT_TREE_ATTRIBUTE_KEYS,
  'websocket.library',
  'websocket.event',
  'websocket.rooms',
  'websocket.recipients',
  'nestjs.type',
  // Prisma's operation spans name the model and method, as `Message.create`.
  'name',
];

const number = (title: string) => ({ title, align: 'right' as const });

export function formatWebSocketChat(
  telemetry: DemoTelemetry,
  chat: ChatTrafficStats,
): string {
  return formatSection(WEBSOCKET_CHAT_TITLE, [
    ...formatClients(chat),
    '',
    ...formatConnections(telemetry),
    '',
    ...formatEvents(telemetry),
    '',
    ...formatChatTrace(telemetry.spans),
  ]);
}

function formatClients(chat: ChatTrafficStats): string[] {
  const rows = CHAT_LIBRARIES.map((library) => {
    const counts = chat.countsOf(library);
    return [
      library,
      counts.sessions,
      counts.traced,
      counts.destroyed,
      counts.connectFailures,
      counts.eventsSent,
      counts.errors,
      counts.unanswered,
      counts.eventsReceived,
    ].map(String);
  });
  return [
    ...formatTable(
      [
        { title: 'clients' },
        number('sessions'),
        number('traced'),
        number('destroyed'),
        number('failed'),
        number('sent'),
        number('errors'),
        number('no reply'),
        number('received'),
      ],
      rows,
    ),
    'What the demo clients did. `traced` sessions sent traceparent,',
    '`destroyed` ones destroyed their socket instead of closing it, and',
    '`failed` ones did not connect. `received` counts broadcasts and',
    'errors that answered no request.',
  ];
}

function formatConnections(telemetry: DemoTelemetry): string[] {
  const timelines = connectionTimelines(telemetry.metrics);
  if (timelines.length === 0) {
    return [`No points of ${ACTIVE_CONNECTIONS_METRIC} arrived.`];
  }

  const opened = openedByLibrary(telemetry.metrics);
  const table = formatTable(
    [
      { title: 'connections' },
      number('opened'),
      number('now'),
      number('peak'),
      { title: 'open at each export' },
    ],
    timelines.map((timeline) => [
      timeline.library,
      String(opened.get(timeline.library) ?? 0),
      String(timeline.now),
      String(timeline.peak),
      compactTimeline(timeline.values),
    ]),
  );
  return [
    ...table,
    `\`opened\` is ${CONNECTIONS_OPENED_METRIC}, the rest is`,
    `${ACTIVE_CONNECTIONS_METRIC}. The peak is the highest exported`,
    'value: the gauge is exported once a second, so a higher value',
    'between two exports does not show.',
  ];
}

/** Joins the values, or the maximum of each window when there are many. */
export function compactTimeline(values: readonly number[]): string {
  const window = Math.ceil(values.length / MAX_TIMELINE_VALUES);
  if (window <= 1) return values.join(' ');

  const maxima: number[] = [];
  for (let i = 0; i < values.length; i += window) {
    maxima.push(Math.max(...values.slice(i, i + window)));
  }
  return `${maxima.join(' ')} (max of every ${window})`;
}

function formatEvents(telemetry: DemoTelemetry): string[] {
  const events = summarizeEvents(telemetry.metrics);
  if (events.length === 0) {
    return ['No points of the websocket.server.message.* metrics arrived.'];
  }

  const count = (value: number) => (value === 0 ? '-' : String(value));
  const table = formatTable(
    [
      { title: 'library' },
      { title: 'event' },
      number('received'),
      number('sent'),
      number('errors'),
      number('handler p95 ms'),
    ],
    events.map((event) => [
      event.library,
      event.event,
      count(event.received),
      count(event.sent),
      count(event.errors),
      formatMillis(event.handlerP95Millis),
    ]),
  );
  return [
    ...table,
    `Events that no handler declares are counted as ${UNKNOWN_EVENT}. A`,
    'socket.io broadcast counts once, acknowledgements do not count, and',
    'every ws frame sent counts as `message`. p95 is interpolated within',
    'the exported buckets of websocket.server.handler.duration.',
  ];
}

function formatChatTrace(spans: readonly ReceivedSpan[]): string[] {
  const trace = findChatMessageTrace(spans);
  if (trace === undefined) {
    return [
      CHAT_TRACE_TITLE,
      'No chat message has the handshake, handler, Prisma and broadcast',
      'levels.',
    ];
  }

  const { tree, omitted } = oneChatMessage(trace);
  const lines = formatTraceTree(tree, { attributeKeys: TREE_ATTRIBUTE_KEYS });
  return [
    CHAT_TRACE_TITLE,
    `trace ${tree.span.traceId}; the ${omitted} other events of this`,
    "session's connection are left out:",
    ...lines.split('\n'),
  ];
}

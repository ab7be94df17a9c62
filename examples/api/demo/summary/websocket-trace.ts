import type { ReceivedSpan } from '@seda/test-utils';
import {
  findTraceTree,
  type ExpectedSpanTree,
  type TraceTreeNode,
  type TreeSpan,
} from '@seda/telemetry/testing';

/** Name of the node that stands for a chat client's own span. */
export const CHAT_CLIENT_NODE =
  'chat client (its traceparent; the client exports no span)';

/**
 * A chat message that went all the way: the client's handshake and its
 * message under the span that its `traceparent` named, the gateway's
 * handler, a Prisma operation with its query, and the room broadcast.
 */
export const CHAT_MESSAGE_TRACE: ExpectedSpanTree = {
  name: CHAT_CLIENT_NODE,
  children: [
    { name: 'connect /chat', kind: 'SERVER' },
    {
      name: 'receive message:send',
      kind: 'CONSUMER',
      children: [
        {
          name: /ChatGateway\.send$/,
          attributes: { 'nestjs.type': 'handler' },
          children: [
            {
              name: 'prisma:client:operation',
              children: [{ name: 'prisma:client:db_query' }],
            },
            { name: 'emit message:new', kind: 'PRODUCER' },
          ],
        },
      ],
    },
  ],
};

/**
 * Creates a node for each parent of a handshake that no process exported:
 * the chat clients' own spans, known only from their `traceparent`.
 */
function clientNodes(spans: readonly ReceivedSpan[]): TreeSpan[] {
  const exported = new Set(spans.map((span) => span.spanId));
  const clients = new Map<string, TreeSpan>();

  for (const span of spans) {
    const parent = span.parentSpanId;
    if (span.name !== 'connect /chat' || !parent || exported.has(parent)) {
      continue;
    }
    clients.set(parent, {
      traceId: span.traceId,
      spanId: parent,
      name: CHAT_CLIENT_NODE,
    });
  }
  return [...clients.values()];
}

/** Returns the first chat trace that has every level of `CHAT_MESSAGE_TRACE`. */
export function findChatMessageTrace(
  spans: readonly ReceivedSpan[],
): TraceTreeNode<TreeSpan> | undefined {
  const clients = clientNodes(spans);
  if (clients.length === 0) return undefined;

  const traced = new Set(clients.map((client) => client.traceId));
  const candidates = spans.filter((span) => traced.has(span.traceId));
  return findTraceTree([...clients, ...candidates], CHAT_MESSAGE_TRACE);
}

/**
 * Keeps, of a chat client's trace, the handshake and one message that
 * reached a listener if any did: a session's trace contains all its events.
 * Returns the shortened tree and how many events it left out.
 */
export function oneChatMessage(trace: TraceTreeNode<TreeSpan>): {
  tree: TraceTreeNode<TreeSpan>;
  omitted: number;
} {
  const children = trace.children;
  const handshake = children.find((node) => node.span.name === 'connect /chat');
  // A message is broadcast only once it is stored, so a broadcast under a
  // message means that it went through every level.
  const messages = children.filter(
    (node) => node.span.name === 'receive message:send' && hasBroadcast(node),
  );
  const message = messages.find(reachedListener) ?? messages[0];
  const shown = [handshake, message].filter((node) => node !== undefined);

  return {
    tree: { span: trace.span, children: shown },
    omitted: children.length - shown.length,
  };
}

function hasBroadcast(node: TraceTreeNode<TreeSpan>): boolean {
  return node.span.name.startsWith('emit ') || node.children.some(hasBroadcast);
}

/** Tells whether a subtree has a broadcast that reached a connection. */
function reachedListener(node: TraceTreeNode<TreeSpan>): boolean {
  const recipients = node.span.attributes?.['websocket.recipients'];
  if (typeof recipients === 'number' && recipients > 0) return true;
  return node.children.some(reachedListener);
}

import type { ReceivedSpan } from '@seda/test-utils';
import {
  DEFAULT_TREE_ATTRIBUTE_KEYS,
  findTraceTree,
  formatTraceTree,
  type ExpectedSpanTree,
  type TraceTreeNode,
} from '@seda/telemetry/testing';
import { formatSection } from './text-layout.js';

export const EXAMPLE_TRACE_TITLE =
  'Example trace: POST /rooms/:roomId/messages';

const MESSAGES_ROUTE = '/rooms/:roomId/messages';

/**
 * A message post with every level: the HTTP server span, Nest's controller
 * (request context) and handler spans, and a Prisma operation with a
 * database query under it.
 */
export const MESSAGE_POST_TRACE: ExpectedSpanTree = {
  name: `POST ${MESSAGES_ROUTE}`,
  kind: 'SERVER',
  attributes: { 'http.route': MESSAGES_ROUTE },
  children: [
    {
      name: 'MessagesController.post',
      attributes: { 'nestjs.type': 'request_context' },
      children: [
        {
          name: 'post',
          attributes: { 'nestjs.type': 'handler' },
          children: [
            {
              name: 'prisma:client:operation',
              children: [{ name: 'prisma:client:db_query' }],
            },
          ],
        },
      ],
    },
  ],
};

/** Attributes printed on the tree's lines, when a span has them. */
const TREE_ATTRIBUTE_KEYS = [
  ...DEFAULT_TREE_ATTRIBUTE_KEYS,
  'express.type',
  'nestjs.type',
  // Prisma's operation spans name the model and method, as `Message.create`.
  'name',
];

/** Returns the first message post whose trace has every level. */
export function findMessagePostTrace(
  spans: readonly ReceivedSpan[],
): TraceTreeNode<ReceivedSpan> | undefined {
  return findTraceTree(spans, MESSAGE_POST_TRACE);
}

export function formatExampleTrace(spans: readonly ReceivedSpan[]): string {
  const trace = findMessagePostTrace(spans);

  if (trace === undefined) {
    return formatSection(EXAMPLE_TRACE_TITLE, [
      'No message post has the server, express, Nest and Prisma levels.',
    ]);
  }

  const { traceId, startTimeUnixNano, endTimeUnixNano } = trace.span;
  const millis = Number(endTimeUnixNano - startTimeUnixNano) / 1e6;
  const tree = formatTraceTree(trace, { attributeKeys: TREE_ATTRIBUTE_KEYS });

  return formatSection(EXAMPLE_TRACE_TITLE, [
    `trace ${traceId}, ${millis.toFixed(1)} ms`,
    ...tree.split('\n'),
  ]);
}

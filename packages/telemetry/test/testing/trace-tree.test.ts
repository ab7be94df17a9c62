import { SpanKind, context, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';

import {
  buildTraceTrees,
  expectTraceTree,
  findTraceTree,
  formatExpectedTree,
  formatTraceTree,
  spanKindName,
  toTreeSpan,
  type TreeSpan,
} from '../../src/testing/trace-tree.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const OTHER_TRACE = '0af7651916cd43dd8448eb211c80319c';

function span(
  spanId: string,
  name: string,
  fields: Partial<TreeSpan> = {},
): TreeSpan {
  return { traceId: TRACE, spanId, name, ...fields };
}

/**
 * A request trace, listed out of order: the server span has an express
 * handler child with two queries, and a Redis call started before them.
 */
const REQUEST_SPANS: TreeSpan[] = [
  span('b3', 'prisma:client:operation', {
    parentSpanId: 'b2',
    startTimeUnixNano: 30n,
    attributes: {
      'db.system.name': 'postgresql',
      'db.operation.name': 'findMany',
    },
  }),
  span('b1', 'GET /rooms/:roomId', {
    kind: 'SERVER',
    startTimeUnixNano: 10n,
    attributes: {
      'http.route': '/rooms/:roomId',
      'http.response.status_code': 200,
    },
  }),
  span('b4', 'prisma:client:operation', {
    parentSpanId: 'b2',
    startTimeUnixNano: 40n,
    attributes: {
      'db.system.name': 'postgresql',
      'db.operation.name': 'create',
    },
  }),
  span('b2', 'request handler - /rooms/:roomId', {
    parentSpanId: 'b1',
    kind: 'INTERNAL',
    startTimeUnixNano: 20n,
  }),
  span('b5', 'GET', {
    parentSpanId: 'b2',
    kind: 'CLIENT',
    startTimeUnixNano: 25n,
    attributes: { 'db.system.name': 'redis' },
  }),
];

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the action to throw');
}

describe('buildTraceTrees', () => {
  it('nests children under their parents', () => {
    const [root, ...others] = buildTraceTrees(REQUEST_SPANS);

    expect(others).toEqual([]);
    expect(root?.span.spanId).toBe('b1');
    expect(root?.children.map((child) => child.span.spanId)).toEqual(['b2']);
  });

  it('sorts children by start time', () => {
    const [root] = buildTraceTrees(REQUEST_SPANS);
    const handler = root?.children[0];

    expect(handler?.children.map((child) => child.span.spanId)).toEqual([
      'b5',
      'b3',
      'b4',
    ]);
  });

  it('makes spans with a missing parent roots', () => {
    const roots = buildTraceTrees([
      span('c2', 'late', { parentSpanId: 'gone', startTimeUnixNano: 9n }),
      span('c1', 'early', { startTimeUnixNano: 1n }),
    ]);

    expect(roots.map((root) => root.span.name)).toEqual(['early', 'late']);
  });

  it('keeps traces apart by trace id', () => {
    const roots = buildTraceTrees([
      span('d1', 'root'),
      { traceId: OTHER_TRACE, spanId: 'd2', parentSpanId: 'd1', name: 'other' },
    ]);

    expect(roots).toHaveLength(2);
    expect(roots.every((root) => root.children.length === 0)).toBe(true);
  });

  it('keeps list order without start times', () => {
    const roots = buildTraceTrees([span('e2', 'second'), span('e1', 'first')]);

    expect(roots.map((root) => root.span.name)).toEqual(['second', 'first']);
  });

  it('breaks parent cycles', () => {
    const roots = buildTraceTrees([
      span('f1', 'a', { parentSpanId: 'f2' }),
      span('f2', 'b', { parentSpanId: 'f1' }),
      span('f3', 'self', { parentSpanId: 'f3' }),
    ]);
    const names = roots.map((root) => root.span.name);

    expect(names).toEqual(['a', 'self']);
    expect(roots[0]?.children.map((child) => child.span.name)).toEqual(['b']);
  });

  it('keeps the first of duplicate spans', () => {
    const roots = buildTraceTrees([span('g1', 'first'), span('g1', 'again')]);

    expect(roots.map((root) => root.span.name)).toEqual(['first']);
  });
});

describe('formatTraceTree', () => {
  it('prints an indented tree with key attributes', () => {
    const [root] = buildTraceTrees(REQUEST_SPANS);

    expect(formatTraceTree(root!)).toBe(
      [
        'GET /rooms/:roomId [SERVER] http.route="/rooms/:roomId" http.response.status_code=200',
        '└─ request handler - /rooms/:roomId [INTERNAL]',
        '   ├─ GET [CLIENT] db.system.name="redis"',
        '   ├─ prisma:client:operation db.system.name="postgresql" db.operation.name="findMany"',
        '   └─ prisma:client:operation db.system.name="postgresql" db.operation.name="create"',
      ].join('\n'),
    );
  });

  it('prints only the chosen attributes', () => {
    const [root] = buildTraceTrees([
      span('h1', 'job', { attributes: { 'seda.job': 'transcode', other: 1 } }),
    ]);

    expect(formatTraceTree(root!, { attributeKeys: ['seda.job'] })).toBe(
      'job seda.job="transcode"',
    );
  });
});

describe('spanKindName', () => {
  it('names API numbers and OTLP names', () => {
    expect(spanKindName(0)).toBe('INTERNAL');
    expect(spanKindName(1)).toBe('SERVER');
    expect(spanKindName(4)).toBe('CONSUMER');
    expect(spanKindName('SPAN_KIND_PRODUCER')).toBe('PRODUCER');
    expect(spanKindName('client')).toBe('CLIENT');
    expect(spanKindName(undefined)).toBeUndefined();
  });
});

describe('toTreeSpan', () => {
  it('adapts a ReadableSpan-like object', () => {
    const treeSpan = toTreeSpan({
      name: 'GET /health',
      kind: 1,
      attributes: { 'http.route': '/health' },
      startTime: [1_700_000_000, 5],
      spanContext: () => ({ traceId: TRACE, spanId: 'a1' }),
      parentSpanContext: { spanId: 'a0' },
    });

    expect(treeSpan).toEqual({
      traceId: TRACE,
      spanId: 'a1',
      parentSpanId: 'a0',
      name: 'GET /health',
      kind: 1,
      attributes: { 'http.route': '/health' },
      startTimeUnixNano: 1_700_000_000_000_000_005n,
    });
  });
});

describe('toTreeSpan on SDK spans', () => {
  it('builds the tree of real ReadableSpans', () => {
    const memory = new InMemorySpanExporter();
    const provider = new TracerProvider({
      spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
    });
    const tracer = provider.getTracer('trace-tree-test');
    const server = tracer.startSpan('GET /rooms', { kind: SpanKind.SERVER });
    const parent = trace.setSpan(context.active(), server);

    tracer.startSpan('SELECT rooms', { kind: SpanKind.CLIENT }, parent).end();
    server.end();

    const found = expectTraceTree(memory.getFinishedSpans().map(toTreeSpan), {
      name: 'GET /rooms',
      kind: 'SERVER',
      children: [{ name: 'SELECT rooms', kind: 'CLIENT' }],
    });

    expect(found.span.spanId).toBe(server.spanContext().spanId);
  });
});

describe('expectTraceTree', () => {
  it('matches a whole tree and returns its root', () => {
    const found = expectTraceTree(REQUEST_SPANS, {
      name: /^GET \/rooms/,
      kind: 'SERVER',
      attributes: { 'http.route': '/rooms/:roomId' },
      children: [
        {
          name: /^request handler/,
          children: [
            {
              name: 'prisma:client:operation',
              attributes: { 'db.operation.name': 'create' },
            },
            { name: 'GET', kind: 2, attributes: { 'db.system.name': 'redis' } },
          ],
        },
      ],
    });

    expect(found.span.spanId).toBe('b1');
  });

  it('matches a subtree below the root', () => {
    const found = expectTraceTree(REQUEST_SPANS, {
      name: /^request handler/,
      children: [{ name: 'GET' }],
    });

    expect(found.span.spanId).toBe('b2');
  });

  it('needs a distinct child for each expected child', () => {
    const twoQueries = {
      name: /^request handler/,
      children: [
        { name: 'prisma:client:operation' },
        { name: 'prisma:client:operation' },
      ],
    };
    const threeQueries = {
      ...twoQueries,
      children: [...twoQueries.children, { name: 'prisma:client:operation' }],
    };

    expect(findTraceTree(REQUEST_SPANS, twoQueries)).toBeDefined();
    expect(findTraceTree(REQUEST_SPANS, threeQueries)).toBeUndefined();
  });

  it('backtracks when a greedy pairing fails', () => {
    // Taken in order, the loose child would claim the findMany span, which
    // is the only one the strict child fits.
    const found = findTraceTree(REQUEST_SPANS, {
      name: /^request handler/,
      children: [
        { name: 'prisma:client:operation' },
        {
          name: 'prisma:client:operation',
          attributes: { 'db.operation.name': 'findMany' },
        },
      ],
    });

    expect(found?.span.spanId).toBe('b2');
  });

  it('matches children only one level down', () => {
    expect(
      findTraceTree(REQUEST_SPANS, {
        name: /^GET \/rooms/,
        children: [{ name: 'prisma:client:operation' }],
      }),
    ).toBeUndefined();
  });

  it('compares attribute values deeply', () => {
    const spans = [
      span('i1', 'tags', { attributes: { tags: ['jazz', 'lofi'] } }),
    ];

    expect(
      findTraceTree(spans, {
        name: 'tags',
        attributes: { tags: ['jazz', 'lofi'] },
      }),
    ).toBeDefined();
    expect(
      findTraceTree(spans, { name: 'tags', attributes: { tags: ['jazz'] } }),
    ).toBeUndefined();
    expect(
      findTraceTree(spans, { name: 'tags', attributes: { tags: /jazz/ } }),
    ).toBeUndefined();
  });

  it('explains a mismatch with the closest trees', () => {
    const expected = {
      name: 'GET /rooms/:roomId',
      kind: 'SERVER',
      attributes: { 'http.route': '/rooms/:roomId' },
      children: [
        {
          name: /^request handler/,
          children: [
            {
              name: 'prisma:client:operation',
              attributes: { 'db.operation.name': 'delete' },
            },
            { name: 'redis:publish' },
          ],
        },
      ],
    };

    expect(messageOf(() => expectTraceTree(REQUEST_SPANS, expected))).toBe(
      [
        'No span tree matches the expected shape (children match direct children, as an unordered subset).',
        'Expected:',
        'GET /rooms/:roomId [SERVER] http.route="/rooms/:roomId"',
        '└─ /^request handler/',
        '   ├─ prisma:client:operation db.operation.name="delete"',
        '   └─ redis:publish',
        'Closest of the subtrees of 5 span(s):',
        '1) matched 5 of 7 checks:',
        'GET /rooms/:roomId [SERVER] http.route="/rooms/:roomId" http.response.status_code=200',
        '└─ request handler - /rooms/:roomId [INTERNAL]',
        '   ├─ GET [CLIENT] db.system.name="redis"',
        '   ├─ prisma:client:operation db.system.name="postgresql" db.operation.name="findMany"',
        '   └─ prisma:client:operation db.system.name="postgresql" db.operation.name="create"',
        '  - "prisma:client:operation": db.operation.name is "findMany", expected "delete"',
        '  - "request handler - /rooms/:roomId": no child matches "redis:publish"',
      ].join('\n'),
    );
  });

  it('shows the roots when nothing is close', () => {
    const message = messageOf(() =>
      expectTraceTree(REQUEST_SPANS, {
        name: 'POST /tracks',
        kind: 'PRODUCER',
      }),
    );

    expect(message).toContain(
      [
        'Closest of the subtrees of 5 span(s):',
        '1) matched 0 of 2 checks:',
        'GET /rooms/:roomId [SERVER] http.route="/rooms/:roomId" http.response.status_code=200',
        '└─ request handler - /rooms/:roomId [INTERNAL]',
      ].join('\n'),
    );
    expect(message).toContain(
      '  - "GET /rooms/:roomId": name is "GET /rooms/:roomId", expected "POST /tracks"',
    );
    expect(message).not.toContain('2)');
  });

  it('says when there are no spans', () => {
    expect(() => expectTraceTree([], { name: 'anything' })).toThrow(
      /Expected:\nanything\nNo spans were given\.$/,
    );
  });

  it('formats an expected shape', () => {
    expect(
      formatExpectedTree({
        name: /^GET/,
        kind: 1,
        children: [{ name: 'child' }],
      }),
    ).toBe('/^GET/ [SERVER]\n└─ child');
  });
});

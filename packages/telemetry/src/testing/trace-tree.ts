/**
 * Trace trees for tests and demo output: build parent/child trees from a flat
 * list of spans, print them, and assert that one has an expected shape.
 *
 * The functions read only the fields of `TreeSpan`, so spans decoded from
 * OTLP and SDK `ReadableSpan`s (through `toTreeSpan`) both work. They throw
 * plain `Error`s and depend on no test framework.
 */

/** The span fields that the tree functions read. */
export interface TreeSpan {
  traceId: string;
  spanId: string;
  /** Absent or empty for a span without a parent. */
  parentSpanId?: string;
  name: string;
  /**
   * A kind name such as `'SERVER'` (or `'SPAN_KIND_SERVER'`), or a number
   * of the `SpanKind` enum of `@opentelemetry/api`, where 0 is INTERNAL.
   */
  kind?: string | number;
  attributes?: Record<string, unknown>;
  /** Orders siblings. Spans without it come after those with it. */
  startTimeUnixNano?: bigint | number;
}

/** A span with the spans whose parent it is, ordered by start time. */
export interface TraceTreeNode<S extends TreeSpan = TreeSpan> {
  span: S;
  children: TraceTreeNode<S>[];
}

/**
 * The expected shape of a span tree. A string `name` must be equal and a
 * RegExp must match. Each attribute value must be deeply equal, except that
 * a RegExp must match a string value. `children` are matched against the
 * direct children of the span as an unordered subset: each expected child
 * needs its own actual child, in any order, and other children may exist.
 */
export interface ExpectedSpanTree {
  name: string | RegExp;
  kind?: string | number;
  attributes?: Record<string, unknown>;
  children?: readonly ExpectedSpanTree[];
}

/** The parts of an SDK `ReadableSpan` that `toTreeSpan` reads. */
export interface ReadableSpanLike {
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  startTime: readonly [number, number];
  spanContext(): { traceId: string; spanId: string };
  parentSpanContext?: { spanId: string };
}

export interface FormatTraceTreeOptions {
  /** Attributes to print after each span's name, when present. */
  attributeKeys?: readonly string[];
}

/** Attributes that identify what a span did, printed by default. */
export const DEFAULT_TREE_ATTRIBUTE_KEYS: readonly string[] = [
  'http.request.method',
  'http.route',
  'http.response.status_code',
  'url.path',
  'db.system.name',
  'db.operation.name',
  'db.collection.name',
  'messaging.system',
  'messaging.destination.name',
  'rpc.method',
  'error.type',
];

const API_SPAN_KIND_NAMES = [
  'INTERNAL',
  'SERVER',
  'CLIENT',
  'PRODUCER',
  'CONSUMER',
] as const;

/** How many candidate trees a failure message shows. */
const CLOSEST_TREES_SHOWN = 3;

/** Adapts an SDK `ReadableSpan` for the tree functions. */
export function toTreeSpan(span: ReadableSpanLike): TreeSpan {
  const { traceId, spanId } = span.spanContext();
  const [seconds, nanos] = span.startTime;
  const treeSpan: TreeSpan = {
    traceId,
    spanId,
    name: span.name,
    kind: span.kind,
    attributes: span.attributes,
    startTimeUnixNano: BigInt(seconds) * 1_000_000_000n + BigInt(nanos),
  };

  if (span.parentSpanContext !== undefined) {
    treeSpan.parentSpanId = span.parentSpanContext.spanId;
  }
  return treeSpan;
}

/** Returns the kind as an upper-case name without the OTLP prefix. */
export function spanKindName(
  kind: string | number | undefined,
): string | undefined {
  if (kind === undefined) return undefined;
  if (typeof kind === 'number')
    return API_SPAN_KIND_NAMES[kind] ?? String(kind);
  return kind.toUpperCase().replace(/^SPAN_KIND_/, '');
}

// ---------------------------------------------------------------------------
// Building trees

function spanKey(traceId: string, spanId: string): string {
  return `${traceId}/${spanId}`;
}

function compareStart<S extends TreeSpan>(
  order: Map<S, number>,
): (a: TraceTreeNode<S>, b: TraceTreeNode<S>) => number {
  return (a, b) => {
    const timeA = a.span.startTimeUnixNano;
    const timeB = b.span.startTimeUnixNano;

    if (timeA !== undefined && timeB !== undefined && timeA !== timeB) {
      return BigInt(timeA) < BigInt(timeB) ? -1 : 1;
    }
    if ((timeA === undefined) !== (timeB === undefined)) {
      return timeA === undefined ? 1 : -1;
    }
    return (order.get(a.span) ?? 0) - (order.get(b.span) ?? 0);
  };
}

function parentOf<S extends TreeSpan>(
  node: TraceTreeNode<S>,
  nodes: Map<string, TraceTreeNode<S>>,
): TraceTreeNode<S> | undefined {
  const { traceId, spanId, parentSpanId } = node.span;

  if (!parentSpanId || parentSpanId === spanId) return undefined;
  return nodes.get(spanKey(traceId, parentSpanId));
}

function markReachable<S extends TreeSpan>(
  node: TraceTreeNode<S>,
  reached: Set<TraceTreeNode<S>>,
): void {
  reached.add(node);
  for (const child of node.children) markReachable(child, reached);
}

/**
 * Cuts parent links that form a cycle, which only malformed input has, so
 * that every span ends up in exactly one tree.
 */
function breakCycles<S extends TreeSpan>(
  roots: TraceTreeNode<S>[],
  nodes: Map<string, TraceTreeNode<S>>,
): void {
  const reached = new Set<TraceTreeNode<S>>();

  for (const root of roots) markReachable(root, reached);
  for (const node of nodes.values()) {
    if (reached.has(node)) continue;

    const parent = parentOf(node, nodes);

    if (parent !== undefined) {
      parent.children = parent.children.filter((child) => child !== node);
    }
    roots.push(node);
    markReachable(node, reached);
  }
}

function sortTrees<S extends TreeSpan>(
  trees: TraceTreeNode<S>[],
  compare: (a: TraceTreeNode<S>, b: TraceTreeNode<S>) => number,
): void {
  trees.sort(compare);
  for (const tree of trees) sortTrees(tree.children, compare);
}

/**
 * Builds the trees of a span list. A root is a span without a parent or
 * whose parent is not in the list, so a partial export still gives trees.
 * Roots and children are sorted by start time, then by list order. A span
 * id listed twice in a trace keeps its first span only.
 */
export function buildTraceTrees<S extends TreeSpan>(
  spans: readonly S[],
): TraceTreeNode<S>[] {
  const nodes = new Map<string, TraceTreeNode<S>>();
  const order = new Map<S, number>();
  const roots: TraceTreeNode<S>[] = [];

  spans.forEach((span, index) => {
    const key = spanKey(span.traceId, span.spanId);

    if (nodes.has(key)) return;
    nodes.set(key, { span, children: [] });
    order.set(span, index);
  });
  for (const node of nodes.values()) {
    const parent = parentOf(node, nodes);

    if (parent === undefined) roots.push(node);
    else parent.children.push(node);
  }
  breakCycles(roots, nodes);
  sortTrees(roots, compareStart(order));
  return roots;
}

// ---------------------------------------------------------------------------
// Formatting

function formatValue(value: unknown): string {
  if (value instanceof RegExp) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // JSON.stringify throws on cycles and on bigint inside objects.
    return String(value);
  }
}

function formatAttributes(
  attributes: Record<string, unknown> | undefined,
  keys: readonly string[] | undefined,
): string {
  if (attributes === undefined) return '';

  const presentKeys = (keys ?? Object.keys(attributes)).filter(
    (key) => key in attributes,
  );

  return presentKeys
    .map((key) => ` ${key}=${formatValue(attributes[key])}`)
    .join('');
}

function formatLine(
  name: string,
  kind: string | number | undefined,
  attributes: string,
): string {
  const kindName = spanKindName(kind);

  const kindLabel = kindName === undefined ? '' : ` [${kindName}]`;

  return `${name}${kindLabel}${attributes}`;
}

interface Printable {
  line: string;
  children: readonly Printable[];
}

function printTree(
  tree: Printable,
  indent = '',
  lines: string[] = [],
): string[] {
  tree.children.forEach((child, i) => {
    const isLast = i === tree.children.length - 1;

    lines.push(`${indent}${isLast ? '└─ ' : '├─ '}${child.line}`);
    printTree(child, `${indent}${isLast ? '   ' : '│  '}`, lines);
  });
  return lines;
}

function printable<S extends TreeSpan>(
  node: TraceTreeNode<S>,
  keys: readonly string[],
): Printable {
  const { name, kind, attributes } = node.span;

  return {
    line: formatLine(name, kind, formatAttributes(attributes, keys)),
    children: node.children.map((child) => printable(child, keys)),
  };
}

function render(tree: Printable): string {
  return [tree.line, ...printTree(tree)].join('\n');
}

/**
 * Formats a tree as indented text, one span a line: its name, its kind in
 * brackets and the attributes of `attributeKeys` it has (default
 * `DEFAULT_TREE_ATTRIBUTE_KEYS`), such as
 * `GET /rooms/:id [SERVER] http.route="/rooms/:id"`.
 */
export function formatTraceTree<S extends TreeSpan>(
  root: TraceTreeNode<S>,
  options: FormatTraceTreeOptions = {},
): string {
  return render(
    printable(root, options.attributeKeys ?? DEFAULT_TREE_ATTRIBUTE_KEYS),
  );
}

function printableExpected(expected: ExpectedSpanTree): Printable {
  const name =
    expected.name instanceof RegExp ? String(expected.name) : expected.name;

  return {
    line: formatLine(
      name,
      expected.kind,
      formatAttributes(expected.attributes, undefined),
    ),
    children: (expected.children ?? []).map(printableExpected),
  };
}

/** Formats an expected shape the way `formatTraceTree` formats a tree. */
export function formatExpectedTree(expected: ExpectedSpanTree): string {
  return render(printableExpected(expected));
}

// ---------------------------------------------------------------------------
// Matching

function deepEqual(actual: unknown, expected: unknown): boolean {
  if (Object.is(actual, expected)) return true;
  if (actual instanceof Uint8Array && expected instanceof Uint8Array) {
    return (
      actual.length === expected.length &&
      actual.every((byte, i) => byte === expected[i])
    );
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    return (
      actual.length === expected.length &&
      actual.every((item, i) => deepEqual(item, expected[i]))
    );
  }
  if (isPlainObject(actual) && isPlainObject(expected)) {
    const keys = Object.keys(expected);

    return (
      keys.length === Object.keys(actual).length &&
      keys.every(
        (key) => key in actual && deepEqual(actual[key], expected[key]),
      )
    );
  }
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

function matchesValue(actual: unknown, expected: unknown): boolean {
  if (expected instanceof RegExp) {
    return typeof actual === 'string' && expected.test(actual);
  }
  return deepEqual(actual, expected);
}

/** One check of an expected node against a span: name, kind or attribute. */
interface Check {
  passed: boolean;
  /** Says what differs, for a failed check. */
  mismatch: string;
}

function describeDifference(
  field: string,
  actual: unknown,
  expected: unknown,
): string {
  return `${field} is ${formatValue(actual)}, expected ${formatValue(expected)}`;
}

function ownChecks(expected: ExpectedSpanTree, span: TreeSpan): Check[] {
  const checks: Check[] = [
    {
      passed: matchesValue(span.name, expected.name),
      mismatch: describeDifference('name', span.name, expected.name),
    },
  ];

  if (expected.kind !== undefined) {
    const kind = spanKindName(span.kind);

    checks.push({
      passed: kind === spanKindName(expected.kind),
      mismatch: `kind is ${kind ?? 'not set'}, expected ${spanKindName(
        expected.kind,
      )}`,
    });
  }
  for (const [key, value] of Object.entries(expected.attributes ?? {})) {
    const attributes = span.attributes ?? {};
    const present = key in attributes;

    checks.push({
      passed: present && matchesValue(attributes[key], value),
      mismatch: present
        ? describeDifference(key, attributes[key], value)
        : `${key} is missing, expected ${formatValue(value)}`,
    });
  }
  return checks;
}

/** Exact matching, memoised per expected node and tree node. */
class TreeMatcher {
  private readonly cache = new Map<
    ExpectedSpanTree,
    Map<TraceTreeNode, boolean>
  >();

  matches(expected: ExpectedSpanTree, node: TraceTreeNode): boolean {
    let byNode = this.cache.get(expected);

    if (byNode === undefined) {
      byNode = new Map();
      this.cache.set(expected, byNode);
    }

    let result = byNode.get(node);

    if (result === undefined) {
      result =
        ownChecks(expected, node.span).every((check) => check.passed) &&
        this.matchesChildren(expected.children ?? [], node.children);
      byNode.set(node, result);
    }
    return result;
  }

  /** Finds distinct actual children for all expected ones, backtracking. */
  private matchesChildren(
    expected: readonly ExpectedSpanTree[],
    actual: readonly TraceTreeNode[],
    used = new Set<TraceTreeNode>(),
  ): boolean {
    const [first, ...rest] = expected;

    if (first === undefined) return true;
    for (const child of actual) {
      if (used.has(child) || !this.matches(first, child)) continue;
      used.add(child);
      if (this.matchesChildren(rest, actual, used)) return true;
      used.delete(child);
    }
    return false;
  }
}

// ---------------------------------------------------------------------------
// Closeness, for failure messages

interface Closeness {
  passed: number;
  total: number;
  mismatches: string[];
}

function countChecks(expected: ExpectedSpanTree): number {
  const own = 1 + (expected.kind === undefined ? 0 : 1);
  const attributes = Object.keys(expected.attributes ?? {}).length;
  const children = (expected.children ?? []).map(countChecks);

  return children.reduce((sum, count) => sum + count, own + attributes);
}

/**
 * Scores how much of `expected` a node satisfies, pairing expected children
 * greedily with their best-scoring actual children, and lists what differs.
 */
function closeness(expected: ExpectedSpanTree, node: TraceTreeNode): Closeness {
  const checks = ownChecks(expected, node.span);
  const result: Closeness = {
    passed: checks.filter((check) => check.passed).length,
    total: countChecks(expected),
    mismatches: checks
      .filter((check) => !check.passed)
      .map((check) => `"${node.span.name}": ${check.mismatch}`),
  };
  const free = new Set(node.children);

  for (const expectedChild of expected.children ?? []) {
    addChildCloseness(result, expectedChild, node, free);
  }
  return result;
}

function addChildCloseness(
  result: Closeness,
  expectedChild: ExpectedSpanTree,
  parent: TraceTreeNode,
  free: Set<TraceTreeNode>,
): void {
  let best: { child: TraceTreeNode; score: Closeness } | undefined;

  for (const child of free) {
    const score = closeness(expectedChild, child);

    if (best === undefined || score.passed > best.score.passed) {
      best = { child, score };
    }
  }
  if (best === undefined || best.score.passed === 0) {
    const wanted = formatValue(expectedChild.name);

    result.mismatches.push(`"${parent.span.name}": no child matches ${wanted}`);
    return;
  }
  free.delete(best.child);
  result.passed += best.score.passed;
  result.mismatches.push(...best.score.mismatches);
}

function allNodes<S extends TreeSpan>(
  roots: TraceTreeNode<S>[],
): TraceTreeNode<S>[] {
  return roots.flatMap((root) => [root, ...allNodes(root.children)]);
}

function attributeKeysOf(expected: ExpectedSpanTree): string[] {
  return [
    ...Object.keys(expected.attributes ?? {}),
    ...(expected.children ?? []).flatMap(attributeKeysOf),
  ];
}

function describeCandidate(
  node: TraceTreeNode,
  score: Closeness,
  keys: readonly string[],
): string {
  return [
    `matched ${score.passed} of ${score.total} checks:`,
    formatTraceTree(node, { attributeKeys: keys }),
    ...score.mismatches.map((mismatch) => `  - ${mismatch}`),
  ].join('\n');
}

/**
 * Orders subtrees by how many checks they pass, best first. Subtrees that
 * pass none are shown only when no subtree passes any, and then only roots.
 */
function rankCandidates(
  expected: ExpectedSpanTree,
  roots: TraceTreeNode[],
): { node: TraceTreeNode; score: Closeness }[] {
  const score = (node: TraceTreeNode) => ({
    node,
    score: closeness(expected, node),
  });
  const passing = allNodes(roots)
    .map(score)
    .filter((candidate) => candidate.score.passed > 0);
  const candidates = passing.length > 0 ? passing : roots.map(score);

  return candidates
    .sort((a, b) => b.score.passed - a.score.passed)
    .slice(0, CLOSEST_TREES_SHOWN);
}

function failureMessage(
  expected: ExpectedSpanTree,
  spanCount: number,
  roots: TraceTreeNode[],
): string {
  const keys = [
    ...new Set([...DEFAULT_TREE_ATTRIBUTE_KEYS, ...attributeKeysOf(expected)]),
  ];
  const ranked = rankCandidates(expected, roots);
  const lines = [
    'No span tree matches the expected shape ' +
      '(children match direct children, as an unordered subset).',
    'Expected:',
    formatExpectedTree(expected),
    spanCount === 0
      ? 'No spans were given.'
      : `Closest of the subtrees of ${spanCount} span(s):`,
  ];

  ranked.forEach(({ node, score }, i) => {
    lines.push(`${i + 1}) ${describeCandidate(node, score, keys)}`);
  });
  return lines.join('\n');
}

/**
 * Returns the first span, in tree order, whose subtree matches `expected`
 * (see `ExpectedSpanTree`), or undefined. Any span can match, not only a
 * root, so the shape may describe part of a trace.
 */
export function findTraceTree<S extends TreeSpan>(
  spans: readonly S[],
  expected: ExpectedSpanTree,
): TraceTreeNode<S> | undefined {
  const matcher = new TreeMatcher();

  return allNodes(buildTraceTrees(spans)).find((node) =>
    matcher.matches(expected, node),
  );
}

/**
 * Like `findTraceTree`, but throws an Error when no subtree matches. Its
 * message shows the expected shape and the closest actual subtrees, with
 * what differs in each.
 */
export function expectTraceTree<S extends TreeSpan>(
  spans: readonly S[],
  expected: ExpectedSpanTree,
): TraceTreeNode<S> {
  const found = findTraceTree(spans, expected);

  if (found !== undefined) return found;
  throw new Error(
    failureMessage(expected, spans.length, buildTraceTrees(spans)),
  );
}

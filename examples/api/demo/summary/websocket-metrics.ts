import type { ReceivedMetricPoint } from '@seda/test-utils';
import {
  currentPoints,
  groupPoints,
  mergeHistograms,
  p95Millis,
} from './metric-queries.js';

export const ACTIVE_CONNECTIONS_METRIC = 'websocket.server.active_connections';
export const CONNECTIONS_OPENED_METRIC = 'websocket.server.connection.opened';
export const MESSAGES_RECEIVED_METRIC = 'websocket.server.message.received';
export const MESSAGES_SENT_METRIC = 'websocket.server.message.sent';
export const HANDLER_DURATION_METRIC = 'websocket.server.handler.duration';

/** `websocket.event` of inbound events that no handler declares. */
export const UNKNOWN_EVENT = '_OTHER';

/** The connections gauge of one library, as its exports saw it. */
export interface ConnectionTimeline {
  library: string;
  /** The gauge's value at each export, oldest first. */
  values: number[];
  /** The value of the last export. */
  now: number;
  /** The highest exported value; the gauge may have peaked between exports. */
  peak: number;
}

/** Messages of one library and event, both ways, and their handling time. */
export interface EventStats {
  library: string;
  event: string;
  received: number;
  sent: number;
  /** Messages whose handling ended with an `error.type`. */
  errors: number;
  /** The 95th percentile of handling, or NaN when nothing was handled. */
  handlerP95Millis: number;
}

const libraryOf = (point: ReceivedMetricPoint) =>
  String(point.attributes['websocket.library'] ?? '?');

const eventOf = (point: ReceivedMetricPoint) =>
  String(point.attributes['websocket.event'] ?? '?');

/**
 * Follows `websocket.server.active_connections` of each library over the
 * exports: the values of one export's series are added up, since a library
 * has one series per namespace or path.
 */
export function connectionTimelines(
  metrics: readonly ReceivedMetricPoint[],
): ConnectionTimeline[] {
  const points = metrics.filter(
    (point) => point.name === ACTIVE_CONNECTIONS_METRIC,
  );
  const libraries = groupPoints(points, libraryOf);

  return [...libraries.entries()]
    .map(([library, libraryPoints]) => timeline(library, libraryPoints))
    .sort((a, b) => a.library.localeCompare(b.library));
}

function timeline(
  library: string,
  points: readonly ReceivedMetricPoint[],
): ConnectionTimeline {
  const byExport = new Map<bigint, number>();
  for (const point of points) {
    const total = byExport.get(point.timeUnixNano) ?? 0;
    byExport.set(point.timeUnixNano, total + (point.value ?? 0));
  }
  const values = [...byExport.entries()]
    .sort(([a], [b]) => compareTimes(a, b))
    .map(([, value]) => value);

  return {
    library,
    values,
    now: values.at(-1) ?? 0,
    peak: Math.max(0, ...values),
  };
}

/** Returns the connections each library accepted, from the counter. */
export function openedByLibrary(
  metrics: readonly ReceivedMetricPoint[],
): Map<string, number> {
  const opened = new Map<string, number>();
  for (const point of currentPoints(metrics, CONNECTIONS_OPENED_METRIC)) {
    const library = libraryOf(point);
    opened.set(library, (opened.get(library) ?? 0) + (point.value ?? 0));
  }
  return opened;
}

function compareTimes(a: bigint, b: bigint): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Adds up the current message counters and the handler histogram per
 * library and event, sorted by library, then event.
 */
export function summarizeEvents(
  metrics: readonly ReceivedMetricPoint[],
): EventStats[] {
  const stats = new Map<string, EventStats>();
  const statsOf = (point: ReceivedMetricPoint) => {
    const key = JSON.stringify([libraryOf(point), eventOf(point)]);
    let entry = stats.get(key);
    if (entry === undefined) {
      entry = emptyStats(libraryOf(point), eventOf(point));
      stats.set(key, entry);
    }
    return entry;
  };

  for (const point of currentPoints(metrics, MESSAGES_RECEIVED_METRIC)) {
    statsOf(point).received += point.value ?? 0;
  }
  for (const point of currentPoints(metrics, MESSAGES_SENT_METRIC)) {
    statsOf(point).sent += point.value ?? 0;
  }
  addHandlerDurations(metrics, statsOf);

  return [...stats.values()].sort(
    (a, b) =>
      a.library.localeCompare(b.library) || a.event.localeCompare(b.event),
  );
}

function addHandlerDurations(
  metrics: readonly ReceivedMetricPoint[],
  statsOf: (point: ReceivedMetricPoint) => EventStats,
): void {
  const points = currentPoints(metrics, HANDLER_DURATION_METRIC);
  const groups = groupPoints(points, (point) =>
    JSON.stringify([libraryOf(point), eventOf(point)]),
  );

  for (const group of groups.values()) {
    const entry = statsOf(group[0] as ReceivedMetricPoint);
    const failed = group.filter(
      (point) => point.attributes['error.type'] !== undefined,
    );
    entry.errors = mergeHistograms(failed).count;
    entry.handlerP95Millis = p95Millis(mergeHistograms(group));
  }
}

function emptyStats(library: string, event: string): EventStats {
  return {
    library,
    event,
    received: 0,
    sent: 0,
    errors: 0,
    handlerP95Millis: Number.NaN,
  };
}

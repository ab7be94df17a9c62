import {
  latestPoints,
  type OtlpReceiver,
  type ReceivedMetricPoint,
} from '@seda/test-utils';
import { ARRIVAL_TIMEOUT_MILLIS } from './received.js';

export const ACTIVE_CONNECTIONS = 'websocket.server.active_connections';
export const CONNECTIONS_OPENED = 'websocket.server.connection.opened';
export const CONNECTIONS_CLOSED = 'websocket.server.connection.closed';
export const MESSAGES_RECEIVED = 'websocket.server.message.received';
export const MESSAGES_SENT = 'websocket.server.message.sent';
export const HANDLER_DURATION = 'websocket.server.handler.duration';

/**
 * Returns the newest value of the series of `name` whose attributes are
 * exactly `attributes`: the sum's value, or a histogram's count.
 */
export function latestValue(
  points: readonly ReceivedMetricPoint[],
  name: string,
  attributes: Record<string, unknown>,
): number | undefined {
  const point = latestPoints(points).find(
    (candidate) =>
      candidate.name === name &&
      sameAttributes(candidate.attributes, attributes),
  );
  return point?.value ?? point?.count;
}

/** Waits until the newest value of one series is `expected`. */
export async function waitForValue(
  receiver: OtlpReceiver,
  name: string,
  attributes: Record<string, unknown>,
  expected: number,
): Promise<void> {
  await receiver.waitFor(
    ({ metrics }) => latestValue(metrics, name, attributes) === expected,
    {
      timeoutMillis: ARRIVAL_TIMEOUT_MILLIS,
      message: `${name} ${JSON.stringify(attributes)} to be ${expected}`,
    },
  );
}

/**
 * Returns the newest value of each series of `name` whose attributes
 * include `attributes`, keyed by the value of the attribute `key`.
 */
export function valuesBy(
  points: readonly ReceivedMetricPoint[],
  name: string,
  attributes: Record<string, unknown>,
  key: string,
): Record<string, number> {
  const values: Record<string, number> = {};
  for (const point of latestPoints(points)) {
    if (point.name !== name || !includes(point.attributes, attributes)) {
      continue;
    }
    const label = String(point.attributes[key]);
    values[label] = (values[label] ?? 0) + (point.value ?? point.count ?? 0);
  }
  return values;
}

function includes(
  actual: Record<string, unknown>,
  expected: Record<string, unknown>,
): boolean {
  return Object.entries(expected).every(
    ([key, value]) => actual[key] === value,
  );
}

function sameAttributes(
  actual: Record<string, unknown>,
  expected: Record<string, unknown>,
): boolean {
  return (
    Object.keys(actual).length === Object.keys(expected).length &&
    includes(actual, expected)
  );
}

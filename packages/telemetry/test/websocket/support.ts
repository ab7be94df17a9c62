import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  type FixtureHandle,
  latestPoints,
  type OtlpReceiver,
  type ReceivedMetricPoint,
  type ReceivedSpan,
  runFixture,
  type SpanFilter,
} from '@seda/test-utils';
import {
  io,
  type ManagerOptions,
  type Socket,
  type SocketOptions,
} from 'socket.io-client';
import WebSocket, { type ClientOptions } from 'ws';
import { exportEnv, startServerFixture } from '../support/fixtures.js';

const CLIENT = fileURLToPath(
  new URL('../fixtures/websocket/client.mjs', import.meta.url),
);

export const REGISTER_ESM = ['--import', '@seda/telemetry/register'];
export const REGISTER_CJS = ['--require', '@seda/telemetry/register'];

/** The two module systems an application can load the libraries with. */
export const MODULE_SYSTEMS = [
  { system: 'ESM', extension: 'mjs', nodeArgs: REGISTER_ESM },
  { system: 'CJS', extension: 'cjs', nodeArgs: REGISTER_CJS },
] as const;

const openSockets = new Set<{ close(): void }>();

/** Starts a fixture of `test/fixtures/websocket` that prints its URL. */
export function startApp(
  receiver: OtlpReceiver,
  file: string,
  options: { nodeArgs?: readonly string[]; env?: Record<string, string> } = {},
): Promise<{ fixture: FixtureHandle; url: string }> {
  return startServerFixture(`websocket/${file}`, {
    nodeArgs: [...(options.nodeArgs ?? REGISTER_ESM)],
    env: exportEnv(receiver, options.env),
  });
}

/** Starts `client.mjs` without the SDK, connected to `url`, in its own process. */
export async function startClientProcess(
  library: 'socket.io' | 'ws',
  url: string,
): Promise<FixtureHandle> {
  const client = await runFixture({ args: [CLIENT, library, url], env: {} });
  await client.waitForOutput(/connected/);
  return client;
}

/** Connects a socket.io client over WebSocket and waits for the namespace join. */
export async function connectSocketIo(
  url: string,
  options: Partial<ManagerOptions & SocketOptions> = {},
): Promise<Socket> {
  const socket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    ...options,
  });
  openSockets.add({ close: () => socket.disconnect() });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Connects a `ws` client and waits until it is open. */
export async function connectWs(
  url: string,
  options: ClientOptions = {},
): Promise<WebSocket> {
  const socket = new WebSocket(url, options);
  openSockets.add({ close: () => socket.terminate() });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return socket;
}

/** Sends `text` and resolves with the next message the server sends back. */
export function exchange(socket: WebSocket, text: string): Promise<string> {
  return new Promise((resolve) => {
    socket.once('message', (data: Buffer) => resolve(data.toString()));
    socket.send(text);
  });
}

/** Closes every client the helpers opened; call it from `afterEach`. */
export function closeClients(): void {
  for (const socket of openSockets) socket.close();
  openSockets.clear();
}

/** Creates a W3C `traceparent` of a sampled remote parent, with its ids. */
export function remoteParent(): {
  traceparent: string;
  traceId: string;
  spanId: string;
} {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceparent: `00-${traceId}-${spanId}-01`, traceId, spanId };
}

/** Waits for exactly one span matching `filter` and returns it. */
export async function oneSpan(
  receiver: OtlpReceiver,
  filter: SpanFilter,
): Promise<ReceivedSpan> {
  const [span] = await receiver.waitForSpans(filter);
  if (!span) throw new Error('waitForSpans resolved without a span');
  return span;
}

/** Returns the newest point of the series `name` with exactly `attributes`. */
export function latestPoint(
  points: readonly ReceivedMetricPoint[],
  name: string,
  attributes: Record<string, unknown>,
): ReceivedMetricPoint | undefined {
  return latestPoints(points).find(
    (point) =>
      point.name === name && sameAttributes(point.attributes, attributes),
  );
}

/** Waits until the newest value of a sum series is `expected`. */
export function waitForValue(
  receiver: OtlpReceiver,
  name: string,
  attributes: Record<string, unknown>,
  expected: number,
): Promise<ReceivedMetricPoint> {
  return receiver.waitFor(
    ({ metrics }) => {
      const point = latestPoint(metrics, name, attributes);
      return point?.value === expected ? point : undefined;
    },
    {
      timeoutMillis: 10_000,
      message: `${name} ${JSON.stringify(attributes)} to be ${expected}`,
    },
  );
}

/** Distinct values of one attribute over the newest points of a metric. */
export function attributeValues(
  points: readonly ReceivedMetricPoint[],
  name: string,
  key: string,
): unknown[] {
  const values = latestPoints(points)
    .filter((point) => point.name === name)
    .map((point) => point.attributes[key]);
  return [...new Set(values)];
}

function sameAttributes(
  actual: Record<string, unknown>,
  expected: Record<string, unknown>,
) {
  const keys = Object.keys(actual);
  return (
    keys.length === Object.keys(expected).length &&
    keys.every((key) => actual[key] === expected[key])
  );
}

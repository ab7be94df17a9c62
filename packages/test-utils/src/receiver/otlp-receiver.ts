import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
  MetricPointFilter,
  OtlpReceiver,
  OtlpReceiverOptions,
  OtlpSignal,
  ReceivedLogRecord,
  ReceivedMetricPoint,
  ReceivedRequest,
  ReceivedSpan,
  ReceivedTelemetry,
  ReceiverMode,
  SpanFilter,
  WaitForOptions,
  WaitForSpansOptions,
} from '../types.js';
import {
  decideResponse,
  type IncomingExport,
  type ReceiverResponse,
} from './decide-response.js';
import { encodingOf } from './content-type.js';
import { matchesPoint, matchesSpan } from './filters.js';
import { readBody } from './read-body.js';
import { TelemetryStore } from './telemetry-store.js';
import { WaiterSet } from './waiters.js';

const DEFAULT_OPTIONS = { host: '127.0.0.1', port: 0 } as const;

const SIGNAL_PATHS: Record<string, OtlpSignal> = {
  '/v1/traces': 'traces',
  '/v1/metrics': 'metrics',
  '/v1/logs': 'logs',
};

function headerValue(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];

  return typeof value === 'string' ? value : null;
}

async function readIncoming(request: IncomingMessage): Promise<IncomingExport> {
  const path = new URL(request.url ?? '/', 'http://receiver').pathname;
  const contentType = headerValue(request, 'content-type');

  return {
    method: request.method ?? 'GET',
    path,
    contentType,
    signal: SIGNAL_PATHS[path],
    encoding: encodingOf(contentType),
    contentEncoding: headerValue(request, 'content-encoding'),
    body: await readBody(request),
  };
}

function describeRequest(
  incoming: IncomingExport,
  decision: ReceiverResponse | null,
): ReceivedRequest {
  const record: ReceivedRequest = {
    method: incoming.method,
    path: incoming.path,
    contentType: incoming.contentType,
    contentEncoding: incoming.contentEncoding,
    byteLength: incoming.body.length,
    status: decision?.status ?? null,
    itemCount: decision?.itemCount ?? 0,
  };

  if (incoming.signal !== undefined) record.signal = incoming.signal;
  if (incoming.encoding !== undefined) record.encoding = incoming.encoding;
  if (decision?.error !== undefined) record.error = decision.error;
  return record;
}

function send(response: ServerResponse, decision: ReceiverResponse): void {
  response.writeHead(decision.status, decision.headers);
  response.end(decision.body);
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function formatUrl(host: string, port: number): string {
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return `http://${shownHost}:${port}`;
}

class ListeningReceiver implements OtlpReceiver {
  readonly url: string;
  private readonly store = new TelemetryStore();
  private readonly waiters = new WaiterSet(() => this.store.snapshot());
  private currentMode: ReceiverMode = 'accept';
  private closing: Promise<void> | undefined;

  constructor(
    private readonly server: Server,
    host: string,
    port: number,
  ) {
    this.url = formatUrl(host, port);
    server.on(
      'request',
      (request: IncomingMessage, response: ServerResponse) => {
        this.handle(request, response).catch((error: unknown) => {
          // Reached when the client aborts while sending the body, or through
          // a defect here. Either way no client is left to read an error.
          response.destroy(error instanceof Error ? error : undefined);
        });
      },
    );
  }

  endpoint(signal: OtlpSignal): string {
    return `${this.url}/v1/${signal}`;
  }

  spans(): ReceivedSpan[] {
    return this.store.snapshot().spans;
  }

  metrics(): ReceivedMetricPoint[] {
    return this.store.snapshot().metrics;
  }

  logs(): ReceivedLogRecord[] {
    return this.store.snapshot().logs;
  }

  requests(): ReceivedRequest[] {
    return this.store.snapshot().requests;
  }

  reset(): void {
    this.store.clear();
  }

  setMode(mode: ReceiverMode): void {
    this.currentMode = mode;
  }

  mode(): ReceiverMode {
    return this.currentMode;
  }

  waitFor<T>(
    check: (received: ReceivedTelemetry) => T,
    options?: WaitForOptions,
  ): Promise<Exclude<T, undefined | null | false>> {
    return this.waiters.waitFor(check, options);
  }

  waitForSpans(
    filter: SpanFilter = {},
    options: WaitForSpansOptions = {},
  ): Promise<ReceivedSpan[]> {
    const count = options.count ?? 1;
    const message = `Expected ${count} matching span(s)`;

    return this.waiters.waitFor(
      ({ spans }) => {
        const matching = spans.filter((span) => matchesSpan(span, filter));

        return matching.length >= count && matching;
      },
      { message, ...options },
    );
  }

  waitForMetric(
    name: string,
    filter: MetricPointFilter = {},
    options: WaitForOptions = {},
  ): Promise<ReceivedMetricPoint[]> {
    const message = `Expected a matching point of metric "${name}"`;

    return this.waiters.waitFor(
      ({ metrics }) => {
        const matching = metrics.filter(
          (point) => point.name === name && matchesPoint(point, filter),
        );

        return matching.length > 0 && matching;
      },
      { message, ...options },
    );
  }

  close(): Promise<void> {
    this.closing ??= this.closeServer();
    return this.closing;
  }

  private async handle(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const incoming = await readIncoming(request);
    const decision = await decideResponse(incoming, this.currentMode);

    this.store.addRequest(describeRequest(incoming, decision));
    if (decision?.accepted !== undefined)
      this.store.addAccepted(decision.accepted);
    if (decision !== null) send(response, decision);
    this.waiters.notify();
  }

  private closeServer(): Promise<void> {
    this.waiters.close('The OTLP receiver is closed');
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      // Ends keep-alive connections and requests left hanging by `hang`.
      this.server.closeAllConnections();
    });
  }
}

/**
 * Starts an OTLP/HTTP receiver that stores what it decodes, for tests that
 * check what an SDK really exports. It listens on 127.0.0.1 and a port that
 * the system picks, unless `options` sets the host or port.
 */
export async function startOtlpReceiver(
  options: OtlpReceiverOptions = {},
): Promise<OtlpReceiver> {
  const host = options.host ?? DEFAULT_OPTIONS.host;
  const server = createServer();
  const port = await listen(server, host, options.port ?? DEFAULT_OPTIONS.port);

  return new ListeningReceiver(server, host, port);
}

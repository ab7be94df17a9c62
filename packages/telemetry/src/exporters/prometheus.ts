import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DiagLogger } from '@opentelemetry/api';
import type { PrometheusExporter as PrometheusExporterType } from '@opentelemetry/exporter-prometheus';
import type { ResolvedPrometheus } from '../config/resolved.js';
import { loadModule } from './load.js';

/** The Prometheus reader and the scrape server this SDK runs for it. */
export interface PrometheusEndpoint {
  readonly reader: PrometheusExporterType;
  /** Resolves to the scrape URL once listening, or `undefined` if it could not listen. */
  readonly url: Promise<string | undefined>;
  /** Tells whether a request arrived on the scrape server, to keep it out of traces. */
  isScrapeRequest(request: IncomingMessage): boolean;
  close(): Promise<void>;
}

/**
 * Serves the Prometheus text format from a server of the SDK's own rather
 * than the exporter's. The exporter's server cannot listen on port 0 and
 * reports a busy port only to the diagnostic log. This one listens on any
 * port, logs a busy one, and lets the HTTP instrumentation recognise scrapes.
 */
export function startPrometheusEndpoint(
  settings: ResolvedPrometheus,
  log: DiagLogger,
): PrometheusEndpoint {
  const { PrometheusExporter } = loadModule<
    typeof import('@opentelemetry/exporter-prometheus')
  >('@opentelemetry/exporter-prometheus');
  const reader = new PrometheusExporter({ preventServerStart: true });
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && path === settings.endpoint) {
      reader.getMetricsRequestHandler(request, response);
      return;
    }
    response.statusCode = 404;
    response.end('Not found\n');
  });
  server.unref();

  return {
    reader,
    url: listen(server, settings, log),
    // Node sets `socket.server` on every socket a server accepts.
    isScrapeRequest: (request) =>
      (request.socket as { server?: unknown } | undefined)?.server === server,
    close: () => closeServer(server),
  };
}

function listen(
  server: Server,
  settings: ResolvedPrometheus,
  log: DiagLogger,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      log.error(
        `Prometheus endpoint could not listen on ${settings.host}:${settings.port} ` +
          `(${error.code ?? error.message}); set OTEL_EXPORTER_PROMETHEUS_PORT ` +
          'to a free port. Other exporters keep working.',
      );
      resolve(undefined);
    });
    server.listen(settings.port, settings.host, () => {
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      const url = `http://${host}:${address.port}${settings.endpoint}`;
      log.info(`Prometheus metrics served at ${url}`);
      resolve(url);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DiagLogger } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
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
  resource: Resource,
  log: DiagLogger,
): PrometheusEndpoint {
  const { PrometheusExporter } = loadModule<
    typeof import('@opentelemetry/exporter-prometheus')
  >('@opentelemetry/exporter-prometheus');
  const reader = new PrometheusExporter({ preventServerStart: true });
  // Detectors such as the container's finish after start; a scrape before
  // then would serve `target_info` without their attributes.
  const resourceSettled = resource.waitForAsyncAttributes?.() ?? Promise.resolve();
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== settings.endpoint) {
      response.statusCode = 404;
      response.end('Not found\n');
    } else if (request.method === 'HEAD') {
      response.setHeader('content-type', 'text/plain; version=0.0.4');
      response.end();
    } else if (request.method === 'GET') {
      void resourceSettled.then(() => reader.getMetricsRequestHandler(request, response));
    } else {
      response.statusCode = 405;
      response.setHeader('allow', 'GET, HEAD');
      response.end('Method not allowed\n');
    }
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
          `(${error.code ?? error.message}); ${listenFix(error.code)}. ` +
          'Other exporters keep working.',
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

function listenFix(code: string | undefined): string {
  switch (code) {
    case 'EADDRINUSE':
    case 'EACCES':
      return 'set OTEL_EXPORTER_PROMETHEUS_PORT to a free port above 1023';
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'set OTEL_EXPORTER_PROMETHEUS_HOST to an address of this host, such as 0.0.0.0 or 127.0.0.1';
    default:
      return 'check OTEL_EXPORTER_PROMETHEUS_HOST and OTEL_EXPORTER_PROMETHEUS_PORT';
  }
}

function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

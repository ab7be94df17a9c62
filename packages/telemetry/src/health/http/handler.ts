import type { IncomingMessage, ServerResponse } from 'node:http';
import { componentLogger } from '../../diag/logger.js';
import type { HealthRegistry } from '../registry.js';
import type { HealthEndpointOptions } from '../types.js';
import {
  createHealthEndpoints,
  type HealthHttpResponse,
  type HealthRoute,
} from './endpoints.js';

/** Options of {@link createHealthHandler}. */
export interface HealthHandlerOptions extends HealthEndpointOptions {
  /** Path prefix of the four endpoints. Default `/health`. */
  basePath?: string;
}

/**
 * A `node:http` request listener that also works as Express or Connect
 * middleware: requests outside the health paths go to `next`, or get a 404
 * without it.
 */
export type HealthRequestHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

const ROUTES: Readonly<Record<string, HealthRoute>> = {
  '': 'health',
  '/live': 'live',
  '/ready': 'ready',
  '/deep': 'deep',
};

/**
 * Creates a framework-free handler for `GET` and `HEAD` on
 * `<basePath>`, `<basePath>/live`, `<basePath>/ready` and
 * `<basePath>/deep`. Other methods on those paths get 405. `env` is read
 * for the deep endpoint options left unset, as in {@link createHealthEndpoints}.
 */
export function createHealthHandler(
  registry: HealthRegistry,
  options: HealthHandlerOptions = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): HealthRequestHandler {
  const endpoints = createHealthEndpoints(registry, options, env);
  const basePath = normalisePath(options.basePath ?? '/health');

  return (request, response, next) => {
    const route = routeOf(request.url ?? '/', basePath);
    if (route === undefined) {
      if (next) next();
      else send(response, request.method, notFound());
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, request.method, methodNotAllowed());
      return;
    }
    void endpoints
      .respond(route, request.headers.authorization)
      .then((result) => send(response, request.method, result));
  };
}

function routeOf(url: string, basePath: string): HealthRoute | undefined {
  const path = normalisePath(url.split('?', 1)[0] ?? '');
  if (!path.startsWith(basePath)) return undefined;
  return ROUTES[path.slice(basePath.length)];
}

/** Returns the path with one leading slash and none trailing; `` for the root. */
function normalisePath(path: string): string {
  return path.replace(/^\/*/, '/').replace(/\/+$/, '');
}

function send(
  response: ServerResponse,
  method: string | undefined,
  result: HealthHttpResponse,
): void {
  try {
    const text = JSON.stringify(result.body);
    response.writeHead(result.statusCode, {
      ...result.headers,
      'content-length': Buffer.byteLength(text),
    });
    response.end(method === 'HEAD' ? undefined : text);
  } catch (error) {
    componentLogger('health').error('sending a health response failed:', error);
    if (!response.headersSent) response.writeHead(500);
    response.end();
  }
}

function notFound(): HealthHttpResponse {
  return {
    statusCode: 404,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: { error: 'not found' },
  };
}

function methodNotAllowed(): HealthHttpResponse {
  return {
    statusCode: 405,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      allow: 'GET, HEAD',
    },
    body: { error: 'method not allowed: use GET or HEAD' },
  };
}

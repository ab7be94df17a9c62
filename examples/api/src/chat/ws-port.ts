import type { Environment } from '../config.js';
import { nonEmpty } from '../config.js';

/**
 * Returns the port of the `ws` gateways: `WS_PORT` when set, else 0 (a free
 * port) when the HTTP port is 0, else the HTTP port plus one.
 *
 * @throws Error for a `WS_PORT` that is not a port number, or when the HTTP
 *   port is 65535 and `WS_PORT` is unset.
 */
export function resolveWsPort(env: Environment, httpPort: number): number {
  const value = nonEmpty(env.WS_PORT);
  if (value !== undefined) return parseWsPort(value);
  if (httpPort === 0) return 0;
  if (httpPort === 65_535) {
    throw new Error('PORT is 65535, so set WS_PORT for the ws gateway.');
  }
  return httpPort + 1;
}

function parseWsPort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new Error(
      `Invalid WS_PORT "${value}": use an integer from 0 to 65535.`,
    );
  }
  return port;
}

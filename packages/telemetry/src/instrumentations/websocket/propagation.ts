import {
  type Context,
  propagation,
  ROOT_CONTEXT,
  type TextMapGetter,
} from '@opentelemetry/api';

/**
 * Places a client can put `traceparent`, `tracestate` and `baggage` in
 * during the handshake, searched in order: the request headers, then the
 * socket.io `auth` payload, then the query of the URL.
 */
export type HandshakeCarrier = readonly (
  | Readonly<Record<string, unknown>>
  | undefined
)[];

const handshakeGetter: TextMapGetter<HandshakeCarrier> = {
  keys(carrier) {
    const keys = new Set<string>();
    for (const source of carrier) {
      for (const key of Object.keys(source ?? {})) keys.add(key);
    }
    return [...keys];
  },
  get(carrier, key) {
    for (const source of carrier) {
      const value = source?.[key];
      if (typeof value === 'string') return value;
      if (
        Array.isArray(value) &&
        value.every((item) => typeof item === 'string')
      ) {
        return value as string[];
      }
    }
    return undefined;
  },
};

/**
 * Extracts the remote context of a handshake with the configured
 * propagators, on top of the root context: the connection's spans never
 * join the context of the HTTP request that carried the handshake.
 */
export function extractHandshakeContext(carrier: HandshakeCarrier): Context {
  return propagation.extract(ROOT_CONTEXT, carrier, handshakeGetter);
}

import type { DiagLogger, LoggerProvider } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { DEFAULTS } from '../config/defaults.js';
import { bridgeApiLogs } from './api-logs-bridge.js';
import { publishServiceName } from './running-service.js';

/**
 * Connects the logs side to a starting SDK: the `@opentelemetry/api-logs`
 * bridge to its logger provider, when it has one, and its `service.name`
 * for the logger factories. Returns the function that undoes both, for
 * shutdown.
 */
export function connectLogs(
  provider: LoggerProvider | undefined,
  resource: Resource,
  log: DiagLogger,
): () => void {
  const unpublish = publishServiceName(serviceName(resource));
  const unbridge = provider ? bridgeApiLogs(provider, log) : () => {};
  return () => {
    unbridge();
    unpublish();
  };
}

/**
 * Reads `service.name` from the raw attributes, because `attributes` logs
 * an error while detectors are still resolving. A merged resource lists the
 * winning value first, and the SDK merges the service identity last and
 * synchronously, so the first plain value is the one exported.
 */
function serviceName(resource: Resource): string {
  const entry = resource
    .getRawAttributes()
    .find(
      ([key, value]) => key === ATTR_SERVICE_NAME && typeof value === 'string',
    );
  return String(entry?.[1] ?? DEFAULTS.serviceName);
}

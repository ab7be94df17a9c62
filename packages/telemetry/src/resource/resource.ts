import type { DiagLogger } from '@opentelemetry/api';
import {
  defaultResource,
  detectResources,
  type Resource,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import {
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
} from '@opentelemetry/semantic-conventions';
import { DEFAULTS } from '../config/defaults.js';
import type { ResolvedConfig } from '../config/resolved.js';
import { selectDetectors } from './detectors.js';
import type { PackageInfo } from './package-info.js';

const ATTR_DEPLOYMENT_ENVIRONMENT_NAME = 'deployment.environment.name';

/**
 * Builds the resource shared by every signal: the SDK defaults, the detected
 * host, process and container attributes, `OTEL_RESOURCE_ATTRIBUTES` and the
 * options, then the service identity, each layer overriding the one before.
 */
export function buildResource(
  config: ResolvedConfig,
  app: PackageInfo,
  log: DiagLogger,
): Resource {
  const detectors = selectDetectors(config.resourceDetectors, log);
  const identity: Record<string, string> = {
    [ATTR_SERVICE_NAME]: config.service.name ?? app.name ?? DEFAULTS.serviceName,
  };
  const version = config.service.version ?? app.version;
  if (version) identity[ATTR_SERVICE_VERSION] = version;
  if (config.service.environment) {
    identity[ATTR_DEPLOYMENT_ENVIRONMENT_NAME] = config.service.environment;
  }

  return defaultResource()
    .merge(detectResources({ detectors }))
    .merge(resourceFromAttributes(config.resourceAttributes))
    .merge(resourceFromAttributes(identity));
}

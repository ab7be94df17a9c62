import type { DiagLogger } from '@opentelemetry/api';
import {
  hostDetector,
  osDetector,
  processDetector,
  type ResourceDetector,
  serviceInstanceIdDetector,
} from '@opentelemetry/resources';
import { loadModule } from '../exporters/load.js';
import type { ResourceDetectorName } from '../types.js';

/** Cloud detectors, each in an optional package the application installs. */
const CLOUD_DETECTORS: Record<string, { module: string; exports: string[] }> = {
  aws: {
    module: '@opentelemetry/resource-detector-aws',
    exports: ['awsEc2Detector', 'awsEcsDetector', 'awsEksDetector', 'awsBeanstalkDetector', 'awsLambdaDetector'],
  },
  azure: {
    module: '@opentelemetry/resource-detector-azure',
    exports: ['azureAppServiceDetector', 'azureFunctionsDetector', 'azureVmDetector'],
  },
  gcp: {
    module: '@opentelemetry/resource-detector-gcp',
    exports: ['gcpDetector'],
  },
  alibaba: {
    module: '@opentelemetry/resource-detector-alibaba-cloud',
    exports: ['alibabaCloudEcsDetector'],
  },
};

const LOCAL_NAMES = ['host', 'os', 'process', 'serviceinstance', 'container'];

/**
 * Maps detector names to detectors. `env` needs no detector, because the
 * configuration already parsed `OTEL_RESOURCE_ATTRIBUTES`. `all` adds the
 * cloud detectors, which probe link-local metadata addresses and therefore
 * run only when named.
 */
export function selectDetectors(
  names: readonly ResourceDetectorName[],
  log: DiagLogger,
): ResourceDetector[] {
  if (names.includes('none')) return [];

  const wanted = names.includes('all')
    ? [...LOCAL_NAMES, ...Object.keys(CLOUD_DETECTORS)]
    : names;
  return wanted.flatMap((name) => detectorsFor(name, log));
}

function detectorsFor(name: string, log: DiagLogger): ResourceDetector[] {
  switch (name) {
    case 'host':
      return [hostDetector];
    case 'os':
      return [osDetector];
    case 'process':
      return [processDetectorWithoutArguments];
    case 'serviceinstance':
      return [serviceInstanceIdDetector];
    case 'container':
      return loadDetectors('@opentelemetry/resource-detector-container', ['containerDetector'], log);
    default: {
      const cloud = CLOUD_DETECTORS[name];
      return cloud ? loadDetectors(cloud.module, cloud.exports, log) : [];
    }
  }
}

/**
 * Command-line arguments often carry credentials (`--password=...`) and end
 * up in Prometheus' `target_info`, so the process attributes leave them out.
 */
const processDetectorWithoutArguments: ResourceDetector = {
  detect(config) {
    const detected = processDetector.detect(config);
    const attributes = { ...detected.attributes };
    delete attributes['process.command_args'];
    delete attributes['process.command_line'];
    return { ...detected, attributes };
  },
};

function loadDetectors(
  moduleName: string,
  exportNames: readonly string[],
  log: DiagLogger,
): ResourceDetector[] {
  let loaded: Record<string, ResourceDetector | undefined>;
  try {
    loaded = loadModule<Record<string, ResourceDetector | undefined>>(moduleName);
  } catch (error) {
    // Node's "Cannot find module" message goes on with the require stack.
    const reason = String((error as Error).message).split('\n')[0];
    log.warn(
      `resource detector package ${moduleName} could not be loaded ` +
        `(${reason}); install it to use this detector`,
    );
    return [];
  }
  return exportNames
    .map((exportName) => loaded[exportName])
    .filter((detector): detector is ResourceDetector => detector !== undefined);
}

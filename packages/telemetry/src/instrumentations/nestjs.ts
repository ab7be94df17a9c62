import type { Instrumentation } from '@opentelemetry/instrumentation';
import { loadModule } from '../exporters/load.js';

/**
 * NestJS 12 works with the contrib instrumentation unchanged, but its
 * declared range ends below 12, and a module outside the range is skipped
 * without any message. This range is the one this SDK tests against.
 */
export const NESTJS_SUPPORTED_VERSIONS = ['>=4.0.0 <13'];

/** The file whose patch gives every Nest HTTP route its spans. */
const ROUTER_FILE = '@nestjs/core/router/router-execution-context.js';

/**
 * Whether Nest's HTTP routes are traced in this process, set when the
 * instrumentation patches Nest's router and cleared when it unpatches it.
 */
export interface NestRouteTracing {
  traced: boolean;
}

interface VersionedFile {
  name: string;
  supportedVersions: string[];
  patch?: (exports: unknown, version?: string) => unknown;
  unpatch?: (exports?: unknown, version?: string) => void;
}

interface VersionedDefinition {
  supportedVersions: string[];
  files?: VersionedFile[];
}

type NestModule = typeof import('@opentelemetry/instrumentation-nestjs-core');

export function createNestInstrumentation(routes: NestRouteTracing): Instrumentation {
  const { NestInstrumentation } = loadModule<NestModule>(
    '@opentelemetry/instrumentation-nestjs-core',
  );

  class WidenedNestInstrumentation extends NestInstrumentation {
    override init() {
      const definitions = super.init() as VersionedDefinition | VersionedDefinition[];
      for (const definition of [definitions].flat()) {
        definition.supportedVersions = NESTJS_SUPPORTED_VERSIONS;
        for (const file of definition.files ?? []) {
          file.supportedVersions = NESTJS_SUPPORTED_VERSIONS;
          if (file.name === ROUTER_FILE) reportPatching(file, routes);
        }
      }
      return definitions as ReturnType<InstanceType<typeof NestInstrumentation>['init']>;
    }
  }
  return new WidenedNestInstrumentation();
}

function reportPatching(file: VersionedFile, routes: NestRouteTracing): void {
  const { patch, unpatch } = file;
  if (patch) {
    file.patch = (exports, version) => {
      const patched = patch(exports, version);
      routes.traced = true;
      return patched;
    };
  }
  if (unpatch) {
    file.unpatch = (exports, version) => {
      routes.traced = false;
      unpatch(exports, version);
    };
  }
}

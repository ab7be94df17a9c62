import type { Tracer } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { loadModule } from '../exporters/load.js';
import { ClientErrorTracer, clientErrorCheck } from './nestjs-client-errors.js';

/**
 * NestJS 12 works with the contrib instrumentation unchanged, but its
 * declared range ends below 12, and a module outside the range is skipped
 * without any message. This range is the one this SDK tests against.
 */
export const NESTJS_SUPPORTED_VERSIONS = ['>=4.0.0 <13'];

/** The file whose patch gives every Nest HTTP route its spans. */
const ROUTER_FILE = '@nestjs/core/router/router-execution-context.js';

/**
 * Whether a Nest app in this process has created a traced HTTP route
 * handler. It is set when `RouterExecutionContext.create` runs on the
 * patched router, which Nest does for each route while the app starts, so
 * importing `@nestjs/core`, or a Nest app without HTTP routes, leaves it
 * unset.
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

interface RouterModule {
  RouterExecutionContext?: { prototype: { create?: unknown } };
}

type NestModule = typeof import('@opentelemetry/instrumentation-nestjs-core');

export function createNestInstrumentation(
  routes: NestRouteTracing,
  appDirs: readonly string[],
): Instrumentation {
  const { NestInstrumentation } = loadModule<NestModule>(
    '@opentelemetry/instrumentation-nestjs-core',
  );

  const isClientError = clientErrorCheck(appDirs);

  class WidenedNestInstrumentation extends NestInstrumentation {
    /** Returns the tracer that the patches keep when they are applied. */
    protected override get tracer(): Tracer {
      return new ClientErrorTracer(super.tracer, isClientError);
    }

    override init() {
      const definitions = super.init() as VersionedDefinition | VersionedDefinition[];
      for (const definition of [definitions].flat()) {
        definition.supportedVersions = NESTJS_SUPPORTED_VERSIONS;
        for (const file of definition.files ?? []) {
          file.supportedVersions = NESTJS_SUPPORTED_VERSIONS;
          if (file.name === ROUTER_FILE) reportRouteHandlers(file, routes);
        }
      }
      return definitions as ReturnType<InstanceType<typeof NestInstrumentation>['init']>;
    }
  }
  return new WidenedNestInstrumentation();
}

/**
 * Wraps the router file's patch so that the patched `create` also sets
 * `routes.traced`. The unpatch restores the contrib wrapper first, because
 * its own unwrap only acts while that wrapper is in place.
 */
function reportRouteHandlers(file: VersionedFile, routes: NestRouteTracing): void {
  const { patch, unpatch } = file;
  if (!patch) return;

  let restore: (() => void) | undefined;
  file.patch = (exports, version) => {
    const patched = patch(exports, version);
    restore = markCreate(patched as RouterModule, routes);
    return patched;
  };
  file.unpatch = (exports, version) => {
    restore?.();
    restore = undefined;
    unpatch?.(exports, version);
  };
}

function markCreate(
  module: RouterModule,
  routes: NestRouteTracing,
): (() => void) | undefined {
  const prototype = module?.RouterExecutionContext?.prototype;
  const create = prototype?.create;
  if (!prototype || typeof create !== 'function') return undefined;

  prototype.create = function createTracedHandler(this: unknown, ...args: unknown[]) {
    routes.traced = true;
    return create.apply(this, args);
  };
  return () => {
    prototype.create = create;
  };
}

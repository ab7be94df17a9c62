import type { Instrumentation } from '@opentelemetry/instrumentation';
import { loadModule } from '../exporters/load.js';

/**
 * NestJS 12 works with the contrib instrumentation unchanged, but its
 * declared range ends below 12, and a module outside the range is skipped
 * without any message. This range is the one this SDK tests against.
 */
export const NESTJS_SUPPORTED_VERSIONS = ['>=4.0.0 <13'];

interface VersionedDefinition {
  supportedVersions: string[];
  files?: { supportedVersions: string[] }[];
}

type NestModule = typeof import('@opentelemetry/instrumentation-nestjs-core');

export function createNestInstrumentation(): Instrumentation {
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
        }
      }
      return definitions as ReturnType<InstanceType<typeof NestInstrumentation>['init']>;
    }
  }
  return new WidenedNestInstrumentation();
}

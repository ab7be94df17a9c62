import type { Instrumentation } from '@opentelemetry/instrumentation';
import { packageOfSpecifier } from './package-names.js';

interface ModuleDefinition {
  name: string;
  patch?: unknown;
  files?: { name: string }[];
}

interface WithModuleDefinitions {
  getModuleDefinitions?(): ModuleDefinition[];
}

/** Files and package entries that the instrumentations patch, for the import hook. */
export interface PatchedFiles {
  /** Files inside packages, such as `@nestjs/core/router/router-execution-context.js`. */
  readonly files: readonly string[];
  /**
   * Packages with listed files whose entry module no instrumentation
   * patches, such as `@nestjs/core`. Their entry needs no wrapper.
   */
  readonly entryUnpatched: readonly string[];
}

/** Reads the patched files and entries from the instrumentations' module definitions. */
export function patchedFiles(instrumentations: readonly Instrumentation[]): PatchedFiles {
  const definitions = instrumentations.flatMap(
    (instrumentation) =>
      (instrumentation as WithModuleDefinitions).getModuleDefinitions?.() ?? [],
  );
  const files = definitions.flatMap((definition) =>
    (definition.files ?? []).map((file) => file.name),
  );
  const entryPatched = new Set(
    definitions
      .filter((definition) => typeof definition.patch === 'function')
      .map((definition) => packageOfSpecifier(definition.name)),
  );
  const entryUnpatched = [...new Set(files.map(packageOfSpecifier))].filter(
    (name) => !entryPatched.has(name),
  );
  return { files, entryUnpatched };
}

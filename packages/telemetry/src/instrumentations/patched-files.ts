import type { Instrumentation } from '@opentelemetry/instrumentation';

interface WithModuleDefinitions {
  getModuleDefinitions?(): { files?: { name: string }[] }[];
}

/**
 * Lists the files inside packages that the instrumentations patch, such as
 * `@nestjs/core/router/router-execution-context.js`, from their module
 * definitions.
 */
export function patchedFiles(instrumentations: readonly Instrumentation[]): string[] {
  return instrumentations.flatMap((instrumentation) =>
    ((instrumentation as WithModuleDefinitions).getModuleDefinitions?.() ?? []).flatMap(
      (definition) => (definition.files ?? []).map((file) => file.name),
    ),
  );
}

/** Returns the package of a file path inside `node_modules`. */
export function packageOfFile(file: string): string {
  const parts = file.split('/');
  return file.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? file);
}

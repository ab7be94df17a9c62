import type { DiagLogger } from '@opentelemetry/api';
import { InstrumentationNodeModuleFile } from '@opentelemetry/instrumentation';
import {
  type AnyFunction,
  exportedClass,
  type MethodPatcher,
} from './patching.js';

/** The patch of one class a library file exports. */
export interface ClassPatch {
  /** Path of the file inside `node_modules`, such as `ws/lib/websocket.js`. */
  readonly file: string;
  /** The named export, or none for a class exported as the module itself. */
  readonly className?: string;
  patch(target: AnyFunction, patcher: MethodPatcher): void;
  unpatch(target: AnyFunction, patcher: MethodPatcher): void;
}

/** The instrumentation's part in patching a file: versions, patcher and logger. */
export interface PatchContext {
  readonly versions: string[];
  readonly patcher: () => MethodPatcher;
  readonly log: DiagLogger;
}

/** Finds the class in the exports and applies `patch`, or warns. */
export function patchExportedClass(
  exports: unknown,
  spec: ClassPatch,
  context: PatchContext,
): unknown {
  const target = exportedClass(exports, spec.className);
  if (target) {
    spec.patch(target, context.patcher());
  } else {
    const name = spec.className ?? 'a class';
    context.log.warn(
      `${spec.file} exports no ${name}, so it is not instrumented`,
    );
  }
  return exports;
}

/** Builds the module file definition that applies a class patch. */
export function classFile(
  spec: ClassPatch,
  context: PatchContext,
): InstrumentationNodeModuleFile {
  return new InstrumentationNodeModuleFile(
    spec.file,
    context.versions,
    (exports: unknown) => patchExportedClass(exports, spec, context),
    (exports: unknown) => {
      const target = exportedClass(exports, spec.className);
      if (target) spec.unpatch(target, context.patcher());
    },
  );
}

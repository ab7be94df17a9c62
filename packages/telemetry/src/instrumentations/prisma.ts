import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { ResolvedPrisma } from '../config/resolved.js';
import { loadModule } from '../exporters/load.js';

type PrismaModule = typeof import('@prisma/instrumentation');

/**
 * Prisma Client spans. The client has no module patching: it reads a tracing
 * helper that this instrumentation puts on `globalThis` when enabled, so it
 * works in ESM and CJS applications alike, whenever the client is loaded.
 */
export function createPrismaInstrumentation(settings: ResolvedPrisma): Instrumentation {
  const { PrismaInstrumentation } = loadModule<PrismaModule>('@prisma/instrumentation');
  return new PrismaInstrumentation({
    ignoreSpanTypes: settings.internalSpans ? [] : INTERNAL_SPANS,
  });
}

/** The client's steps inside an operation, besides its `db_query` spans. */
const INTERNAL_SPANS = ['prisma:client:serialize', 'prisma:client:compile'];

import type { Instrumentation } from '@opentelemetry/instrumentation';
import { loadModule } from '../exporters/load.js';
import type { NestRouteTracing } from './nestjs.js';

type ExpressModule = typeof import('@opentelemetry/instrumentation-express');

/**
 * Express spans for request handlers only: one span per middleware adds
 * noise and cost to every NestJS request, and the route template reaches
 * `http.route` whichever layers are traced.
 *
 * Once Nest's router is traced, request handlers get no span either. Under
 * Nest the express handler is Nest's router, and Nest's controller span
 * covers the same call. The express instrumentation still sets `http.route`.
 *
 * NOTE: a route registered on the express instance of a Nest app, outside
 * Nest's router, then gets no handler span.
 */
export function createExpressInstrumentation(
  nestRoutes: NestRouteTracing,
): Instrumentation {
  const { ExpressInstrumentation, ExpressLayerType } = loadModule<ExpressModule>(
    '@opentelemetry/instrumentation-express',
  );
  return new ExpressInstrumentation({
    ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER],
    // Only request handlers reach this matcher, because the layer types above
    // are skipped first.
    ignoreLayers: [() => nestRoutes.traced],
  });
}

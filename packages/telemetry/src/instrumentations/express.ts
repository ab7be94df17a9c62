import type { Instrumentation } from '@opentelemetry/instrumentation';
import { loadModule } from '../exporters/load.js';

type ExpressModule = typeof import('@opentelemetry/instrumentation-express');

/**
 * Express spans for request handlers only: one span per middleware adds
 * noise and cost to every NestJS request, and the route template reaches
 * `http.route` whichever layers are traced.
 */
export function createExpressInstrumentation(): Instrumentation {
  const { ExpressInstrumentation, ExpressLayerType } = loadModule<ExpressModule>(
    '@opentelemetry/instrumentation-express',
  );
  return new ExpressInstrumentation({
    ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER],
  });
}

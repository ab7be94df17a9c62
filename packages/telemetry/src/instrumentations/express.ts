import type { Instrumentation } from '@opentelemetry/instrumentation';
import { loadModule } from '../exporters/load.js';
import type { NestRouteTracing } from './nestjs.js';

type ExpressModule = typeof import('@opentelemetry/instrumentation-express');

/**
 * Creates the express instrumentation with spans for request handlers and
 * mounted apps only. One span per middleware would add noise and cost to
 * every NestJS request, and the route template reaches `http.route`
 * whichever of these layers are traced.
 *
 * Once a Nest app in the process has created a traced HTTP route handler,
 * request handlers get no span either. Under Nest the express handler is
 * Nest's router, and Nest's controller span covers the same call. The
 * express instrumentation still sets `http.route`.
 *
 * NOTE: the switch is per process, so a route registered on a Nest app's
 * express instance outside Nest's router, or a plain express app running
 * next to a Nest HTTP app, then gets no handler span.
 */
export function createExpressInstrumentation(
  nestRoutes: NestRouteTracing,
): Instrumentation {
  const { ExpressInstrumentation, ExpressLayerType } = loadModule<ExpressModule>(
    '@opentelemetry/instrumentation-express',
  );
  return new ExpressInstrumentation({
    ignoreLayersType: [ExpressLayerType.ROUTER],
    ignoreLayers: [(name) => isIgnoredLayer(name, nestRoutes)],
  });
}

/**
 * The span name of an app mounted with `app.use(path, subApp)`, which
 * express 5 wraps in a function named `mounted_app`.
 */
const MOUNTED_APP = 'middleware - mounted_app';

/**
 * Matches middleware, except mounted apps, and request handlers under Nest.
 * The instrumentation drops the mount path of an ignored middleware layer
 * from `http.route`, so a mounted app keeps its span and `/legacy` stays in
 * `/legacy/orders/:orderId`. Routers keep their path when ignored.
 */
function isIgnoredLayer(name: string, nestRoutes: NestRouteTracing): boolean {
  if (name.startsWith('middleware - ')) return name !== MOUNTED_APP;
  return nestRoutes.traced;
}

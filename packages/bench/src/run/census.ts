import { setTimeout as sleep } from 'node:timers/promises';
import { withChatClients } from '../load/ws-load.js';
import type { ModuleSystem, Variant } from '../variants.js';
import { type AppChild, ROUTE, sampleChild } from './app-child.js';
import type { CollectorChild } from './collector-child.js';
import { type RunContext, withApp } from './load-round.js';
import type { CensusMeasurement } from './measurements.js';

/** Requests of `ROUTE` whose exported spans are counted. */
const CENSUS_REQUESTS = 100;
/** socket.io round trips whose exported spans are counted. */
const CENSUS_MESSAGES = 100;
/** Metric exports during the census requests, to show that metrics arrive. */
const CENSUS_EXPORT_ENV = { OTEL_METRIC_EXPORT_INTERVAL: '500' };
/** Longer than the batch span processor's 5 s delay, which every variant keeps. */
const SETTLE_MILLIS = 6_000;

/**
 * Starts a variant with the module census hook preloaded first and reads
 * what it loaded. On the ES module app it also counts the spans the
 * collector receives per request and per socket.io round trip, which shows
 * that the variant really exports and how much.
 */
export async function takeCensus(
  context: RunContext,
  collector: CollectorChild,
  variant: Variant,
  system: ModuleSystem,
): Promise<CensusMeasurement> {
  return withApp(
    context,
    variant,
    system,
    'census',
    async (app) => {
      const { census } = await sampleChild(app.child);
      if (!census)
        throw new Error(`${variant.id}: the census hook did not load`);
      if (system === 'cjs')
        return { variant: variant.id, system, modules: census };

      return {
        variant: variant.id,
        system,
        modules: census,
        ...(await countSpans(app, collector)),
      };
    },
    { census: true, extraEnv: CENSUS_EXPORT_ENV },
  );
}

async function countSpans(app: AppChild, collector: CollectorChild) {
  const { url } = app.listening;
  await sleep(SETTLE_MILLIS);
  await collector.totals(true);
  for (let index = 0; index < CENSUS_REQUESTS; index += 1) {
    const response = await fetch(`${url}${ROUTE}`);
    await response.arrayBuffer();
  }
  await sleep(SETTLE_MILLIS);
  const http = await collector.totals(true);

  const messages = await withChatClients(url, 1, async ([client]) => {
    await client?.roundTrip();
    await sleep(SETTLE_MILLIS);
    await collector.totals(true);
    for (let index = 0; index < CENSUS_MESSAGES; index += 1) {
      await client?.roundTrip();
    }
    await sleep(SETTLE_MILLIS);
    return collector.totals(true);
  });
  return {
    spansPerRequest: http.spans / CENSUS_REQUESTS,
    spansPerMessage: messages.spans / CENSUS_MESSAGES,
    metricPoints: http.metricPoints,
  };
}

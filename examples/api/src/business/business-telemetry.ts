import {
  createBusinessMetrics,
  createProductEvents,
} from '@seda/telemetry/business';

/**
 * The app's business counters and product events. Both bind to the SDK
 * that `main.ts` starts, and record nothing when no SDK runs, as in the
 * endpoint tests.
 */
export const businessMetrics = createBusinessMetrics();

export const productEvents = createProductEvents();

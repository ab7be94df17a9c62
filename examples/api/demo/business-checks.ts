import type { ReceivedMetricPoint } from '@seda/test-utils';
import type { SignalCheck } from './signal-checks.js';
import { currentPoints } from './summary/metric-queries.js';
import {
  GAUGE_NAMES,
  gaugeFreshness,
  STALE_GAUGE_NAME,
} from './summary/business-series.js';

/**
 * Counters that every run records: each virtual user signs up first, and
 * message posts are the commonest action, which the message post trace
 * check relies on as well. A run of 1.5 s with 4 users posted 9 messages
 * when measured, too few to expect a track share or a reaction every time.
 */
const EXPECTED_COUNTERS = ['seda.user.signed_up', 'seda.message.sent'];

const counted = (metrics: readonly ReceivedMetricPoint[], name: string) =>
  currentPoints(metrics, name).some((point) => (point.value ?? 0) > 0);

export const BUSINESS_SIGNAL_CHECKS: readonly SignalCheck[] = [
  {
    id: 'business-counters',
    signal: `business counters (${EXPECTED_COUNTERS.join(', ')})`,
    arrived: ({ metrics }) =>
      EXPECTED_COUNTERS.every((name) => counted(metrics, name)),
  },
  {
    id: 'business-gauges',
    signal: `every database gauge, fresh in ${STALE_GAUGE_NAME}`,
    arrived: ({ metrics }) => {
      const { fresh, stale } = gaugeFreshness(metrics);
      return (
        stale.length === 0 &&
        GAUGE_NAMES.every(
          (name) =>
            fresh.includes(name) && currentPoints(metrics, name).length > 0,
        )
      );
    },
  },
];

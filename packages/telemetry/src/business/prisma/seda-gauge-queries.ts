import { TRACK_PROVIDERS, type TimeWindow } from '../attribute-values.js';
import type { InstrumentDefinition } from '../definitions.js';
import type { GaugeQuery, GaugeReading } from '../gauges/types.js';
import { DATABASE_GAUGES } from '../instrument-table.js';
import { groupRows, type SedaPrismaClient } from './client.js';
import { countPerWindow, createdSince, groupCounts } from './query-steps.js';
import { type WindowStarts, windowStarts } from './windows.js';

export interface PrismaGaugeOptions {
  /** Clock the time windows are computed from. Default: the system clock. */
  readonly now?: () => Date;
}

type Read = (
  signal: AbortSignal,
  starts: WindowStarts,
) => Promise<GaugeReading[]>;

const ALL_AND_RECENT: readonly TimeWindow[] = ['all', '24h', '7d'];
const RECENT: readonly TimeWindow[] = ['24h', '7d'];

/**
 * Returns the queries of every database gauge of the table for a Prisma
 * Client of seda's schema, on SQLite or PostgreSQL. They use Prisma's query
 * API only (counts, relation filters and `groupBy`), so Prisma writes the
 * SQL and the date comparisons of each dialect. Pass them to
 * `registerBusinessGauges`.
 *
 * NOTE: the window counts filter on `createdAt` and `joinedAt`, which the
 * schema does not index, so each one scans its table. On large tables add
 * those indexes or lengthen the refresh interval. The queries run with
 * tracing suppressed, so they create no spans and
 * `prisma.client.operation.duration` leaves them out.
 */
export function sedaPrismaGaugeQueries(
  client: SedaPrismaClient,
  options: PrismaGaugeOptions = {},
): GaugeQuery[] {
  const now = options.now ?? (() => new Date());
  const define = (gauge: InstrumentDefinition, read: Read): GaugeQuery => ({
    gauge,
    run: (signal) => read(signal, windowStarts(now())),
  });
  const perWindow =
    (
      windows: readonly TimeWindow[],
      count: (since: Date | undefined) => PromiseLike<number>,
    ): Read =>
    (signal, starts) =>
      countPerWindow(signal, starts, windows, count);

  return [
    define(
      DATABASE_GAUGES.users,
      perWindow(['all', 'today', '24h', '7d'], (since) =>
        client.user.count({ where: createdSince(since) }),
      ),
    ),
    define(
      DATABASE_GAUGES.activeUsers,
      perWindow(RECENT, (since) =>
        client.user.count({ where: activeUserFilter(since) }),
      ),
    ),
    define(DATABASE_GAUGES.rooms, async () => [
      { value: await client.room.count() },
    ]),
    define(
      DATABASE_GAUGES.activeRooms,
      perWindow(RECENT, (since) =>
        client.room.count({
          where: { messages: { some: createdSince(since) } },
        }),
      ),
    ),
    define(
      DATABASE_GAUGES.messages,
      perWindow(ALL_AND_RECENT, (since) =>
        client.message.count({ where: createdSince(since) }),
      ),
    ),
    define(
      DATABASE_GAUGES.reactions,
      perWindow(ALL_AND_RECENT, (since) =>
        client.reaction.count({ where: createdSince(since) }),
      ),
    ),
    define(DATABASE_GAUGES.tracks, (signal, starts) =>
      countTracks(client, signal, starts),
    ),
    define(DATABASE_GAUGES.trackSharers, (signal) =>
      countTrackSharers(client, signal),
    ),
    define(DATABASE_GAUGES.artists, (signal) => countArtists(client, signal)),
  ];
}

/** Users with a message, a reaction or a room join since `since`. */
function activeUserFilter(since: Date | undefined): Record<string, unknown> {
  return {
    OR: [
      { messages: { some: createdSince(since) } },
      { reactions: { some: createdSince(since) } },
      { memberships: { some: createdSince(since, 'joinedAt') } },
    ],
  };
}

async function countTracks(
  client: SedaPrismaClient,
  signal: AbortSignal,
  starts: WindowStarts,
): Promise<GaugeReading[]> {
  const readings: GaugeReading[] = [];
  for (const window of ALL_AND_RECENT) {
    signal.throwIfAborted();
    const since = window === 'all' ? undefined : starts[window];
    const rows = await groupRows(client.message, {
      by: ['trackProvider'],
      where: { trackProvider: { not: null }, ...createdSince(since) },
      _count: { _all: true },
    });
    readings.push(
      ...providerReadings(groupCounts(rows, 'trackProvider'), window),
    );
  }
  return readings;
}

/**
 * Returns a reading for every declared provider, 0 when it has no row, so
 * that each series exists from the first refresh, and one per provider the
 * table does not know, which the gauge records as `other`.
 */
function providerReadings(
  counts: ReadonlyMap<unknown, number>,
  window: TimeWindow,
): GaugeReading[] {
  const providers = new Set<unknown>([...TRACK_PROVIDERS, ...counts.keys()]);
  return [...providers].map((provider) => ({
    value: counts.get(provider) ?? 0,
    attributes: {
      'seda.track.provider': String(provider),
      'seda.window': window,
    },
  }));
}

async function countTrackSharers(
  client: SedaPrismaClient,
  signal: AbortSignal,
): Promise<GaugeReading[]> {
  const readings: GaugeReading[] = [];
  for (const provider of TRACK_PROVIDERS) {
    signal.throwIfAborted();
    const value = await client.user.count({
      where: { messages: { some: { trackProvider: provider } } },
    });
    readings.push({ value, attributes: { 'seda.track.provider': provider } });
  }
  return readings;
}

async function countArtists(
  client: SedaPrismaClient,
  signal: AbortSignal,
): Promise<GaugeReading[]> {
  signal.throwIfAborted();
  const rows = await groupRows(client.artistProfile, {
    by: ['verified'],
    _count: { _all: true },
  });
  const counts = groupCounts(rows, 'verified');
  return [
    {
      value: counts.get(true) ?? 0,
      attributes: { 'seda.artist.status': 'verified' },
    },
    {
      value: counts.get(false) ?? 0,
      attributes: { 'seda.artist.status': 'unverified' },
    },
  ];
}

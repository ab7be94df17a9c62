import type { INestApplication } from '@nestjs/common';
import {
  pseudonymizeUserId,
  sedaPrismaGaugeQueries,
} from '@seda/telemetry/business';
import {
  type MetricPoint,
  startTestTelemetry,
  type TestTelemetry,
} from '@seda/telemetry/testing';
import { type OtlpReceiver, startOtlpReceiver } from '@seda/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../helpers/databases.js';
import { apiClient, type ApiClient } from '../helpers/http.js';
import { listenOnLoopback } from '../telemetry/support/in-process.js';
import { searchableText } from '../telemetry/support/search-text.js';
import {
  runScriptedTraffic,
  type ScriptedWorld,
} from './support/scripted-traffic.js';
import { advanceUserIds } from './support/user-ids.js';

const PSEUDONYM_KEY = 'example-api-business-test-key-0123456789';
const DAY_MILLIS = 86_400_000;

/** Where the suite's database comes from. */
export interface BusinessDatabase {
  dialect: 'sqlite' | 'postgresql';
  create(): Promise<TestDatabase>;
}

interface SuiteState {
  telemetry: TestTelemetry;
  receiver: OtlpReceiver;
  database: TestDatabase;
  app: INestApplication;
  api: ApiClient;
  world: ScriptedWorld;
  points: MetricPoint[];
  refreshGauges(): Promise<void>;
}

/**
 * Runs the scripted traffic against the app from `src` with the SDK started
 * in this process (first, then the app imported), and checks what the
 * business counters, database gauges and product events recorded.
 */
export function describeBusinessTelemetry(
  label: string,
  source: BusinessDatabase,
): void {
  describe(label, () => {
    const state = {} as SuiteState;

    beforeAll(async () => {
      state.receiver = await startOtlpReceiver();
      state.telemetry = startTestTelemetry({
        serviceName: 'seda-api-business-test',
        logLevel: 'warn',
        business: {
          pseudonymKey: PSEUDONYM_KEY,
          // The test refreshes the gauges itself.
          gauges: { startDelayMillis: 3_600_000 },
        },
        metrics: {
          exporters: ['otlp', 'prometheus'],
          otlp: { endpoint: state.receiver.endpoint('metrics') },
          prometheus: { host: '127.0.0.1', port: 0 },
        },
      });
      const { createApp } = await import('../../src/app.js');
      const { PrismaService } =
        await import('../../src/prisma/prisma.service.js');
      const { BusinessGaugesService } =
        await import('../../src/business/business-gauges.service.js');

      state.database = await source.create();
      state.app = await createApp({
        databaseUrl: state.database.url,
        env: {},
        logger: false,
      });
      const client = state.app.get(PrismaService).client;
      await advanceUserIds(client, source.dialect);
      state.api = apiClient(await listenOnLoopback(state.app));
      state.world = await runScriptedTraffic(state.api, client);

      const gauges = state.app.get(BusinessGaugesService);
      state.refreshGauges = () => gauges.refresh();
      await state.refreshGauges();
      state.points = await state.telemetry.collectMetrics();
    });

    afterAll(async () => {
      await state.app?.close();
      await state.telemetry?.shutdown();
      await state.receiver?.close();
      await state.database?.drop();
    });

    describeCounters(state);
    describeGauges(state);
    describeEvents(state);
    describeExport(state);
    describeWindows(state);
    describeEndpoints(state);
  });
}

/** The two endpoints added for the events the other endpoints lack. */
function describeEndpoints(state: SuiteState): void {
  it('leave without membership returns 404', async () => {
    const response = await state.api.post('/rooms/1/leave', {
      userId: state.world.listenerA + 1_000,
    });

    expect(response.status).toBe(404);
  });

  it('verification without profile returns 404', async () => {
    const response = await state.api.post(
      `/users/${state.world.listenerA}/artist/verification`,
    );

    expect(response.status).toBe(404);
  });

  it('verification of a verified artist keeps it', async () => {
    const response = await state.api.post(
      `/users/${state.world.artist}/artist/verification`,
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      userId: state.world.artist,
      verified: true,
    });
  });
}

/** Returns `attributes -> value` of every point of `name`, keys sorted. */
function seriesOf(
  points: readonly MetricPoint[],
  name: string,
): Record<string, number> {
  const series: Record<string, number> = {};
  for (const point of points) {
    if (point.name !== name) continue;
    const key = Object.keys(point.attributes)
      .sort()
      .map((attribute) => `${attribute}=${String(point.attributes[attribute])}`)
      .join(',');
    series[key] = point.value ?? Number.NaN;
  }
  return series;
}

function describeCounters(state: SuiteState): void {
  it('counts sign-ups by account type', () => {
    expect(seriesOf(state.points, 'seda.user.signed_up')).toEqual({
      'seda.user.type=listener': 2,
      'seda.user.type=artist': 1,
    });
  });

  it('counts messages by track and room kind', () => {
    expect(seriesOf(state.points, 'seda.message.sent')).toEqual({
      'seda.message.has_track=false,seda.room.kind=public': 1,
      'seda.message.has_track=true,seda.room.kind=public': 2,
      'seda.message.has_track=true,seda.room.kind=artist': 1,
    });
  });

  it('counts shared tracks by provider', () => {
    expect(seriesOf(state.points, 'seda.track.shared')).toEqual({
      'seda.track.provider=spotify': 2,
      'seda.track.provider=youtube': 1,
    });
  });

  it('counts reactions, joins, leaves and verifications', () => {
    expect(seriesOf(state.points, 'seda.reaction.added')).toEqual({
      'seda.reaction.type=like': 1,
      'seda.reaction.type=fire': 1,
    });
    expect(seriesOf(state.points, 'seda.room.member.joined')).toEqual({
      'seda.room.kind=public': 2,
      'seda.room.kind=artist': 1,
    });
    expect(seriesOf(state.points, 'seda.room.member.left')).toEqual({
      'seda.room.kind=public': 1,
    });
    expect(seriesOf(state.points, 'seda.artist.verified')).toEqual({ '': 1 });
  });
}

function describeGauges(state: SuiteState): void {
  it('reports totals and windows', () => {
    expect(seriesOf(state.points, 'seda.user.count')).toMatchObject({
      'seda.window=all': 4,
      'seda.window=24h': 3,
      'seda.window=7d': 4,
    });
    expect(seriesOf(state.points, 'seda.user.active')).toEqual({
      'seda.window=24h': 3,
      'seda.window=7d': 4,
    });
    expect(seriesOf(state.points, 'seda.room.count')).toEqual({ '': 2 });
    expect(seriesOf(state.points, 'seda.room.active')).toEqual({
      'seda.window=24h': 2,
      'seda.window=7d': 2,
    });
    expect(seriesOf(state.points, 'seda.message.count')).toEqual({
      'seda.window=all': 6,
      'seda.window=24h': 4,
      'seda.window=7d': 5,
    });
    expect(seriesOf(state.points, 'seda.reaction.count')).toEqual({
      'seda.window=all': 3,
      'seda.window=24h': 2,
      'seda.window=7d': 2,
    });
  });

  it('reports tracks and sharers by provider', () => {
    const tracks = seriesOf(state.points, 'seda.track.count');
    expect(tracks).toMatchObject({
      'seda.track.provider=spotify,seda.window=all': 2,
      'seda.track.provider=spotify,seda.window=24h': 2,
      'seda.track.provider=youtube,seda.window=7d': 1,
      'seda.track.provider=soundcloud,seda.window=all': 1,
      'seda.track.provider=soundcloud,seda.window=7d': 1,
      'seda.track.provider=soundcloud,seda.window=24h': 0,
      'seda.track.provider=apple_music,seda.window=all': 0,
    });
    expect(Object.keys(tracks)).toHaveLength(4 * 3);
    expect(seriesOf(state.points, 'seda.track.sharer.count')).toEqual({
      'seda.track.provider=spotify': 2,
      'seda.track.provider=youtube': 1,
      'seda.track.provider=soundcloud': 1,
      'seda.track.provider=apple_music': 0,
    });
  });

  it('reports artists and fresh gauges', () => {
    expect(seriesOf(state.points, 'seda.artist.count')).toEqual({
      'seda.artist.status=verified': 1,
      'seda.artist.status=unverified': 1,
    });
    const stale = seriesOf(state.points, 'seda.business.gauge.stale');
    expect(Object.keys(stale)).toHaveLength(9);
    expect(Object.values(stale).every((value) => value === 0)).toBe(true);
  });

  it('traces none of the gauge queries', async () => {
    await state.telemetry.handle.forceFlush();
    const prismaSpans = () =>
      state.telemetry
        .spans()
        .filter((span) => span.name.startsWith('prisma:client:'));
    const before = prismaSpans().length;
    const { PrismaService } =
      await import('../../src/prisma/prisma.service.js');
    const client = state.app.get(PrismaService).client;

    await state.refreshGauges();
    await state.telemetry.handle.forceFlush();
    const afterRefresh = prismaSpans().length;
    // A query of the app itself, as a control that Prisma spans do arrive.
    await client.room.count();
    await state.telemetry.handle.forceFlush();

    expect(before).toBeGreaterThan(0);
    expect(afterRefresh).toBe(before);
    expect(prismaSpans().length).toBeGreaterThan(afterRefresh);
  });
}

function describeEvents(state: SuiteState): void {
  it('sends product events with pseudonyms', async () => {
    await state.telemetry.handle.forceFlush();
    const events = state.telemetry
      .logRecords()
      .filter((record) => record.eventName);
    const hash = (id: number) => pseudonymizeUserId(id, PSEUDONYM_KEY);
    const { listenerA, listenerB, artist } = state.world;

    expect(events.map((record) => record.eventName)).toEqual([
      'seda.user.signed_up',
      'seda.user.signed_up',
      'seda.user.signed_up',
      'seda.track.shared',
      'seda.track.shared',
      'seda.track.shared',
      'seda.room.session.ended',
    ]);
    expect(events.map((record) => record.attributes['user.hash'])).toEqual([
      hash(listenerA),
      hash(listenerB),
      hash(artist),
      hash(listenerA),
      hash(listenerB),
      hash(artist),
      hash(listenerB),
    ]);
    expect(events[3]?.attributes['seda.track.title']).toMatch(
      /^Private Title /,
    );
    expect(events[3]?.attributes['seda.track.provider']).toBe('spotify');
    expect(events[6]?.attributes['seda.room.kind']).toBe('public');
    expect(
      events[6]?.attributes['seda.room.session.duration'],
    ).toBeGreaterThanOrEqual(0);
    const text = searchableText(events.map((record) => record.attributes));
    for (const id of [listenerA, listenerB, artist]) {
      expect(text).not.toContain(String(id));
    }
  });
}

function describeExport(state: SuiteState): void {
  it('exports no user id, email or message text', async () => {
    await state.telemetry.handle.forceFlush();
    const prometheusUrl = await state.telemetry.handle.prometheusUrl;
    const scrape = await (await fetch(prometheusUrl as string)).text();
    const exported = [
      searchableText(state.receiver.metrics()),
      scrape,
      searchableText(await state.telemetry.collectMetrics()),
    ];
    const { listenerA, listenerB, artist, oldUser, privateText } = state.world;
    const forbidden = [
      ...[listenerA, listenerB, artist, oldUser].map(String),
      ...privateText,
    ];

    expect(
      state.receiver
        .metrics()
        .some((point) => point.name === 'seda.track.shared'),
    ).toBe(true);
    expect(scrape).toContain('seda_track_shared_total');
    for (const text of exported) {
      for (const value of forbidden) {
        expect(text.includes(value), value).toBe(false);
      }
    }
  });
}

function describeWindows(state: SuiteState): void {
  it('counts users since 00:00 UTC', async () => {
    const { PrismaService } =
      await import('../../src/prisma/prisma.service.js');
    const client = state.app.get(PrismaService).client;
    // A fixed clock in the middle of a UTC day, with users just before and
    // just after its midnight.
    const now = new Date(
      Math.floor(Date.now() / DAY_MILLIS) * DAY_MILLIS + DAY_MILLIS / 2,
    );
    const midnight = now.getTime() - DAY_MILLIS / 2;
    const all = await client.user.count();
    const after = await client.user.count({
      where: { createdAt: { gte: new Date(midnight) } },
    });
    for (const [name, offset] of [
      ['before', -1],
      ['after', 1],
    ] as const) {
      await client.user.create({
        data: {
          email: `${name}_midnight_${state.world.oldUser}@mail.example`,
          username: `${name}_midnight_${state.world.oldUser}`,
          displayName: name,
          createdAt: new Date(midnight + offset),
        },
      });
    }

    const [users] = sedaPrismaGaugeQueries(client, { now: () => now });
    const readings = await users!.run(new AbortController().signal);

    const byWindow = Object.fromEntries(
      readings.map((reading) => [
        reading.attributes?.['seda.window'],
        reading.value,
      ]),
    );
    expect(byWindow).toEqual({
      all: all + 2,
      today: after + 1,
      '24h': await client.user.count({
        where: { createdAt: { gte: new Date(now.getTime() - DAY_MILLIS) } },
      }),
      '7d': await client.user.count({
        where: { createdAt: { gte: new Date(now.getTime() - 7 * DAY_MILLIS) } },
      }),
    });
  });
}

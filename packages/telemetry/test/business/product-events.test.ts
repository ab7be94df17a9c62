import { SeverityNumber } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createProductEvents } from '../../src/business/events/product-events.js';
import { pseudonymizeUserId } from '../../src/business/events/pseudonym.js';
import {
  startTestTelemetry,
  type TestTelemetry,
} from '../../src/testing/test-telemetry.js';
import { captureDiagLines } from '../support/stderr.js';

const KEY_A = 'key-a-'.padEnd(40, 'a');
const KEY_B = 'key-b-'.padEnd(40, 'b');
const USER_ID = 913_587_201;

const events = createProductEvents();
let telemetry: TestTelemetry | undefined;

afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

function start(pseudonymKey?: string): TestTelemetry {
  telemetry = startTestTelemetry({
    logLevel: 'warn',
    business: { pseudonymKey },
  });
  return telemetry;
}

/**
 * Returns the records sent so far. The simple processor exports once the
 * resource's asynchronous attributes have settled, so a flush waits for it.
 */
async function sent(running: TestTelemetry) {
  await running.handle.forceFlush();
  return running.logRecords();
}

function shareTrack(): void {
  events.trackShared({
    userId: USER_ID,
    provider: 'spotify',
    roomKind: 'public',
    title: 'So What',
    artist: 'Miles Davis',
  });
}

describe('createProductEvents', () => {
  it('sends a log record with an event name', async () => {
    const running = start(KEY_A);

    shareTrack();

    const [record] = await sent(running);
    expect(record?.eventName).toBe('seda.track.shared');
    expect(record?.severityNumber).toBe(SeverityNumber.INFO);
    expect(record?.instrumentationScope.name).toBe('@seda/telemetry/business');
    expect(record?.attributes).toEqual({
      'seda.track.provider': 'spotify',
      'seda.room.kind': 'public',
      'seda.track.title': 'So What',
      'seda.track.artist': 'Miles Davis',
      'user.hash': pseudonymizeUserId(USER_ID, KEY_A),
    });
  });

  it('never sends the raw user id', async () => {
    const running = start(KEY_A);

    shareTrack();
    events.userSignedUp({ userId: USER_ID, userType: 'listener' });
    events.roomSessionEnded({
      userId: USER_ID,
      roomKind: 'artist',
      durationSeconds: 12.5,
    });
    events.emit('seda.playlist.created', {
      userId: USER_ID,
      attributes: { 'seda.playlist.size': 3, 'user.hash': String(USER_ID) },
    });

    const records = await sent(running);
    expect(records).toHaveLength(4);
    for (const record of records) {
      expect(record.attributes['user.hash']).toBe(
        pseudonymizeUserId(USER_ID, KEY_A),
      );
      expect(JSON.stringify(record.attributes)).not.toContain(String(USER_ID));
    }
  });

  it('gives stable pseudonyms for one key', async () => {
    const running = start(KEY_A);

    shareTrack();
    shareTrack();

    const [first, second] = await sent(running);
    expect(first?.attributes['user.hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(second?.attributes['user.hash']).toBe(
      first?.attributes['user.hash'],
    );
  });

  it('gives different pseudonyms across keys', async () => {
    const hashUnder = async (key: string) => {
      const running = start(key);
      shareTrack();
      const hash = (await sent(running))[0]?.attributes['user.hash'];
      await running.shutdown();
      return hash;
    };

    const underA = await hashUnder(KEY_A);
    const underB = await hashUnder(KEY_B);

    expect(underA).toMatch(/^[0-9a-f]{64}$/);
    expect(underB).toMatch(/^[0-9a-f]{64}$/);
    expect(underA).not.toBe(underB);
  });

  it('drops the user id without a key and warns once', async () => {
    const log = captureDiagLines();
    const running = start(undefined);

    shareTrack();
    shareTrack();
    const records = await sent(running);
    log.restore();

    expect(records).toHaveLength(2);
    for (const record of records) {
      expect(record.attributes).not.toHaveProperty('user.hash');
      expect(record.attributes['seda.track.title']).toBe('So What');
    }
    expect(
      log.lines().filter((line) => line.includes('pseudonym key')),
    ).toEqual([
      '@seda/telemetry/business warn: no pseudonym key is set ' +
        '(SEDA_TELEMETRY_PSEUDONYM_KEY), so product events are sent without user ids',
    ]);
  });

  it('bounds enums and drops malformed fields', async () => {
    const running = start(KEY_A);

    events.roomSessionEnded({
      userId: USER_ID,
      roomKind: 'stadium' as 'public',
      durationSeconds: Number.NaN,
    });

    const [record] = await sent(running);
    expect(record?.eventName).toBe('seda.room.session.ended');
    expect(record?.attributes['seda.room.kind']).toBe('other');
    expect(record?.attributes).not.toHaveProperty('seda.room.session.duration');
  });

  it('rejects an empty or missing event name', async () => {
    const log = captureDiagLines();
    const running = start(KEY_A);

    events.emit('', { attributes: { plan: 'pro' } });
    events.emit(undefined as unknown as string);
    events.emit(42 as unknown as string);
    events.emit(Object.create(null) as string);
    const records = await sent(running);
    log.restore();

    expect(records).toEqual([]);
    const warnings = log
      .lines()
      .filter((line) => line.includes('invalid event name'));
    expect(warnings).toEqual([
      '@seda/telemetry/business warn: event not sent: invalid event name "", ' +
        'expected a non-empty string such as seda.playlist.created',
      '@seda/telemetry/business warn: event not sent: invalid event name ' +
        'undefined, expected a non-empty string such as seda.playlist.created',
      '@seda/telemetry/business warn: event not sent: invalid event name 42, ' +
        'expected a non-empty string such as seda.playlist.created',
      '@seda/telemetry/business warn: event not sent: invalid event name ' +
        'of type object, expected a non-empty string such as seda.playlist.created',
    ]);
  });

  it('sends nothing and does not throw without the SDK', () => {
    expect(() => shareTrack()).not.toThrow();
    expect(() => events.emit('seda.anything')).not.toThrow();
  });
});

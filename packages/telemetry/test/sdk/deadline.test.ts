import { describe, expect, it } from 'vitest';
import { settleWithin } from '../../src/sdk/deadline.js';

describe('settleWithin', () => {
  it('settles with the work', async () => {
    const events: string[] = [];

    await settleWithin(Promise.resolve(), 1_000, () => events.push('timeout'), () => {});

    expect(events).toEqual([]);
  });

  it('settles at the deadline when work hangs', async () => {
    const events: string[] = [];

    await settleWithin(new Promise(() => {}), 20, () => events.push('timeout'), () => {});

    expect(events).toEqual(['timeout']);
  });

  it('passes a rejection to onError', async () => {
    const errors: unknown[] = [];

    await settleWithin(Promise.reject(new Error('no')), 1_000, () => {}, (error) => errors.push(error));

    expect(errors).toHaveLength(1);
  });
});

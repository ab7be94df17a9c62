import {
  type OtlpReceiver,
  startOtlpReceiver,
  stopAllFixtures,
} from '@seda/test-utils';
import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * Starts one OTLP receiver for the test file, and after each test stops the
 * fixtures, forgets what arrived and puts the receiver back in `accept`
 * mode. Returns a getter, because the receiver exists only once `beforeAll`
 * has run.
 */
export function useReceiver(): () => OtlpReceiver {
  let receiver: OtlpReceiver | undefined;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
  });

  afterEach(async () => {
    await stopAllFixtures();
    receiver?.reset();
    receiver?.setMode('accept');
  });

  afterAll(async () => {
    await receiver?.close();
  });

  return () => {
    if (!receiver) throw new Error('the receiver starts in beforeAll');
    return receiver;
  };
}

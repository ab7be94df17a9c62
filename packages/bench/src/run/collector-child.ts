import type { ReceiverMode } from '@seda/test-utils';
import type { CollectorTotals } from '../children/collector.js';
import { COLLECTOR_SCRIPT } from '../variants.js';
import { IpcChild } from './ipc-child.js';

export type { CollectorTotals } from '../children/collector.js';

const REPLY_TIMEOUT_MILLIS = 10_000;

/** The local OTLP collector, in a child process of its own. */
export class CollectorChild {
  private constructor(
    private readonly child: IpcChild,
    /** Base URL of the OTLP/HTTP receiver. */
    readonly url: string,
  ) {}

  static async start(): Promise<CollectorChild> {
    const child = new IpcChild({
      nodeArgs: [],
      script: COLLECTOR_SCRIPT,
      env: {},
      cwd: process.cwd(),
    });
    const { url } = await child.next<{ url: string }>(
      'listening',
      REPLY_TIMEOUT_MILLIS,
    );
    return new CollectorChild(child, url);
  }

  /** Returns what arrived since the last reset, and resets when asked. */
  async totals(reset = false): Promise<CollectorTotals> {
    const reply = await this.child.request<{ totals: CollectorTotals }>(
      { type: 'totals', reset },
      'totals',
      REPLY_TIMEOUT_MILLIS,
    );
    return reply.totals;
  }

  async setMode(mode: ReceiverMode): Promise<void> {
    await this.child.request(
      { type: 'mode', mode },
      'mode',
      REPLY_TIMEOUT_MILLIS,
    );
  }

  close(): Promise<void> {
    return this.child.stop();
  }
}

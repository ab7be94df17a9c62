import type { OnApplicationShutdown } from '@nestjs/common';

/** Runs the app's `onShutdown` option in Nest's last shutdown phase. */
export class ShutdownCallback implements OnApplicationShutdown {
  constructor(
    private readonly callback: (signal?: string) => Promise<void> | void,
  ) {}

  async onApplicationShutdown(signal?: string): Promise<void> {
    await this.callback(signal);
  }
}

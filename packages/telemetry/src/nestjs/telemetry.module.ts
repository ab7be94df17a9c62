import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { TelemetryHandle } from '../types.js';

/** Injection token of the running {@link TelemetryHandle}. */
export const TELEMETRY_HANDLE = Symbol.for('@seda/telemetry.handle');

@Injectable()
class TelemetryShutdown implements OnApplicationShutdown {
  constructor(@Inject(TELEMETRY_HANDLE) private readonly handle: TelemetryHandle) {}

  /**
   * Nest calls this after it closed the HTTP server and ran the other
   * modules' destroy hooks, so spans of the last requests and of those hooks
   * are flushed too.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.handle.shutdown();
  }
}

/**
 * Ties the SDK's shutdown to the Nest application's, so that the two never
 * race on SIGTERM. Start the SDK with `shutdown: { signals: false }`, call
 * `app.enableShutdownHooks()`, and import `TelemetryModule.forRoot(handle)`.
 */
@Global()
@Module({})
export class TelemetryModule {
  static forRoot(handle: TelemetryHandle): DynamicModule {
    return {
      module: TelemetryModule,
      providers: [{ provide: TELEMETRY_HANDLE, useValue: handle }, TelemetryShutdown],
      exports: [TELEMETRY_HANDLE],
    };
  }
}

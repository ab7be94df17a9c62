import type { ModuleCensus } from '../children/stats-channel.cjs';
import type { HttpLoadResult } from '../load/http-load.js';
import type { WsLoadResult } from '../load/ws-load.js';
import type { ModuleSystem, VariantId } from '../variants.js';

/** One variant in one round on the ES module app: start, HTTP and socket.io. */
export interface LoadMeasurement {
  readonly variant: VariantId;
  readonly round: number;
  readonly startupMillis: number;
  /** The child's CPU time up to the first response, user plus system. */
  readonly startCpuMillis: number;
  readonly rssStartBytes: number;
  readonly rssAfterLoadBytes: number;
  /** Child CPU time (user + system) per completed request of the measured load. */
  readonly cpuMicrosPerRequest: number;
  /** The main thread's share of `cpuMicrosPerRequest`, where Linux reports it. */
  readonly mainThreadCpuMicrosPerRequest?: number;
  /**
   * Spans that reached the collector for the warm-up and measured HTTP
   * loads, per request of both: below the census's figure when the SDK
   * dropped spans.
   */
  readonly exportedSpansPerRequest: number;
  readonly http: HttpLoadResult;
  readonly ws: WsLoadResult;
}

/** One variant in one round on the CommonJS entry: start only. */
export interface StartMeasurement {
  readonly variant: VariantId;
  readonly round: number;
  readonly startupMillis: number;
  /** The child's CPU time up to the first response, user plus system. */
  readonly startCpuMillis: number;
  readonly rssStartBytes: number;
}

/** The untimed census pass of one variant and module system. */
export interface CensusMeasurement {
  readonly variant: VariantId;
  readonly system: ModuleSystem;
  readonly modules: ModuleCensus;
  /** Spans the collector received per HTTP request of `ROUTE`; ES modules only. */
  readonly spansPerRequest?: number;
  /** Spans per socket.io round trip; ES modules only. */
  readonly spansPerMessage?: number;
  /** Metric points received during the census requests. */
  readonly metricPoints?: number;
}

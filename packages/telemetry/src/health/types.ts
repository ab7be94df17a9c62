import type { MeterProvider } from '@opentelemetry/api';

/**
 * The state of one check: `up` works, `degraded` works with a problem (slow,
 * saturated, close to a limit), `down` failed or timed out.
 */
export type CheckStatus = 'up' | 'degraded' | 'down';

/**
 * The state of a set of checks: `unhealthy` when a critical check is down,
 * `degraded` when a non-critical check is down or any check is degraded,
 * `healthy` otherwise.
 */
export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';

/** What a check function resolves with. Resolving with nothing means `up`. */
export interface CheckOutcome {
  /** Default `up`. */
  status?: CheckStatus;
  /**
   * Why the check is degraded or down. Sanitised before it reaches a
   * response body and logged in full to the diagnostic log.
   */
  message?: string;
  /**
   * Measurements shown by `/health/deep` only, such as pool usage or table
   * sizes. Must be JSON-serialisable.
   */
  details?: Record<string, unknown>;
}

/** Settings every check has, whether ready-made or written by hand. */
export interface CheckOptions {
  /**
   * The check's name in responses and the `health.check.name` attribute:
   * 1 to 64 letters, digits, `_`, `-` or `.`, unique in a registry.
   */
  name?: string;
  /**
   * A critical check that is down makes the status `unhealthy` (503); a
   * non-critical one makes it `degraded` (still 200). Default `false`,
   * except for the database checks.
   */
  critical?: boolean;
  /**
   * Time after which a run counts as `down` with a timeout error. Default:
   * the registry's `timeoutMillis`.
   */
  timeoutMillis?: number;
  /**
   * Run this check only for `/health/deep` (and the background schedule),
   * not for `/health` and `/health/ready`. Default `false`, except for
   * `postgresCheck`.
   */
  deep?: boolean;
}

/** A check as the registry runs it. */
export interface HealthCheck extends CheckOptions {
  name: string;
  /**
   * What the check probes, such as `prisma`, `redis` or `http`: the
   * `health.check.kind` attribute, with the same characters as `name`.
   */
  kind: string;
  /**
   * Probes the dependency. Throwing or rejecting means `down` with the error
   * as message. `signal` aborts when the timeout passes; a result that comes
   * later is ignored.
   */
  run(signal: AbortSignal): Promise<CheckOutcome | void>;
  /** Releases what the check holds (timers, histograms) when the registry stops. */
  close?(): void;
}

/** The result of one run of a check. */
export interface CheckResult {
  readonly name: string;
  readonly kind: string;
  readonly critical: boolean;
  readonly deep: boolean;
  readonly status: CheckStatus;
  /** Time from start to result (or to the timeout), in milliseconds. */
  readonly durationMillis: number;
  /** When the run ended, as milliseconds since the Unix epoch. */
  readonly finishedAt: number;
  /** Full error text for the log; responses get {@link safeMessage}. */
  readonly message?: string;
  /** {@link message} with credentials, tokens and connection strings removed. */
  readonly safeMessage?: string;
  readonly details?: Record<string, unknown>;
}

/** Which checks a report covers. */
export type ReportScope = 'standard' | 'ready' | 'deep';

/** The body of `/health`, `/health/ready` and `/health/deep`. */
export interface HealthReport {
  readonly status: HealthStatus;
  readonly checks: Record<string, CheckReport>;
  readonly uptimeSeconds: number;
  readonly version: string;
  readonly environment: string;
  /** ISO 8601 time of the report. */
  readonly timestamp: string;
}

/** One check in a {@link HealthReport}. */
export interface CheckReport {
  readonly status: CheckStatus;
  readonly kind: string;
  readonly critical: boolean;
  readonly responseTimeMillis: number;
  /** ISO 8601 time at which the result was obtained. */
  readonly checkedAt: string;
  /** The sanitised error or reason, when the check is not `up`. */
  readonly error?: string;
  /** Present in `/health/deep` only. */
  readonly details?: Record<string, unknown>;
}

/** Options of {@link createHealthRegistry}; each overrides its variable. */
export interface HealthRegistryOptions {
  /**
   * How long a result is reused, measured from the end of its run. Probes in
   * that window share it, so a burst of probes runs each check once; an
   * older result is never returned. Default 5000, environment
   * `SEDA_HEALTH_CACHE_MILLIS`; 0 runs the checks for every probe (probes
   * arriving during a run still share it).
   */
  cacheMillis?: number;
  /**
   * Interval of the background runs that keep the `health.*` metrics fresh
   * without probes. They run only while the instruments record somewhere: an
   * SDK started by `startTelemetry`, or `meterProvider`. Default 30000,
   * environment `SEDA_HEALTH_INTERVAL_MILLIS`; 0 turns them off.
   */
  intervalMillis?: number;
  /**
   * Timeout of a check that sets none. Default 2000, environment
   * `SEDA_HEALTH_TIMEOUT_MILLIS`. Keep a Kubernetes probe's
   * `timeoutSeconds` above the longest check timeout.
   */
  timeoutMillis?: number;
  /** `version` in reports. Default `APP_VERSION`, then package.json `version`. */
  version?: string;
  /** `environment` in reports. Default `NODE_ENV`, else `unknown`. */
  environment?: string;
  /**
   * Where the `health.*` instruments record. Default: the meter provider of
   * the `@seda/telemetry` SDK while it runs, whether it started before or
   * after the registry was created; without it the instruments are no-ops.
   * Pass `metrics.getMeterProvider()` to use another OpenTelemetry SDK.
   */
  meterProvider?: MeterProvider;
}

/** Protection of `/health/deep`. */
export interface DeepEndpointOptions {
  /**
   * Serve `/health/deep`; when `false` it answers 404. Default `true`,
   * environment `SEDA_HEALTH_DEEP` (`true` or `false`).
   */
  enabled?: boolean;
  /**
   * Require `Authorization: Bearer <token>`, compared in constant time.
   * Default: none, environment `SEDA_HEALTH_DEEP_TOKEN`.
   */
  token?: string;
}

/** Options of the HTTP handler and of the NestJS controller. */
export interface HealthEndpointOptions {
  /**
   * `/health/deep` reveals table names and sizes, slow statements, memory
   * and disk figures. Default: served to anyone, unless
   * `SEDA_HEALTH_DEEP_TOKEN` or `SEDA_HEALTH_DEEP` say otherwise.
   */
  deep?: DeepEndpointOptions;
}

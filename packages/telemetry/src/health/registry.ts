import type { DiagLogger, MeterProvider } from '@opentelemetry/api';
import type { ResolvedHealthRegistry } from '../config/health.js';
import { warnAboutOption } from '../diag/logger.js';
import { CheckSlot } from './check-slot.js';
import { HealthInstruments } from './instruments.js';
import { buildLiveness, buildReport, type ReportIdentity } from './report.js';
import type { Clock, RegisteredCheck } from './run-check.js';
import { followSdk } from './sdk-link.js';
import { overallStatus } from './status.js';
import type {
  CheckResult,
  HealthCheck,
  HealthReport,
  HealthStatus,
  ReportScope,
} from './types.js';

/** Names and kinds become metric attributes, so their shape is bounded. */
const IDENTIFIER = /^[A-Za-z0-9_.-]{1,64}$/;

/** The settings a registry runs with. */
export interface RegistrySettings
  extends Omit<ResolvedHealthRegistry, 'version'>, ReportIdentity {
  /** Set when the user chose a provider; otherwise the SDK's is followed. */
  readonly meterProvider: MeterProvider | undefined;
}

/**
 * Named health checks with their cached results, the `health.*`
 * instruments and the background schedule. Create one with
 * `createHealthRegistry`.
 */
export class HealthRegistry {
  private readonly slots = new Map<string, CheckSlot>();
  private readonly lastSuccess = new Map<string, number>();
  private readonly instruments: HealthInstruments;
  private timer: NodeJS.Timeout | undefined;
  private unfollow: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly settings: RegistrySettings,
    private readonly clock: Clock,
    private readonly log: DiagLogger,
  ) {
    this.instruments = new HealthInstruments({
      latestResults: () => this.latestResults(),
      lastSuccessAt: (name) => this.lastSuccess.get(name),
      latestStatus: () => this.latestStatus(),
    });
    if (settings.meterProvider) {
      this.bind(settings.meterProvider);
    } else {
      this.unfollow = followSdk({
        sdkStarted: (provider) => this.bind(provider),
        sdkStopped: () => this.unbind(),
      });
    }
  }

  /** The names of the registered checks, in registration order. */
  get checkNames(): string[] {
    return [...this.slots.keys()];
  }

  /**
   * Adds a check. While the schedule runs, the check also runs at once, so
   * its gauges have a value before the next interval.
   *
   * @throws TypeError for a name or kind outside 1 to 64 letters, digits,
   *   `_`, `-` or `.`, for a name already registered, or for a missing `run`.
   */
  register(check: HealthCheck): this {
    const entry = this.validate(check);
    const slot = new CheckSlot(
      entry,
      this.settings.cacheMillis,
      this.clock,
      (result, previous) => this.recordResult(result, previous),
    );
    this.slots.set(entry.name, slot);
    if (this.timer) void slot.result();
    return this;
  }

  /** Removes a check and calls its `close`; returns whether it existed. */
  unregister(name: string): boolean {
    const slot = this.slots.get(name);
    if (!slot) return false;
    this.slots.delete(name);
    this.lastSuccess.delete(name);
    closeCheck(slot.entry, this.log);
    return true;
  }

  /**
   * Runs the checks of a scope concurrently, reusing results within the
   * cache interval. `standard` is every check not marked `deep`, `ready`
   * the critical ones among them, `deep` every check.
   */
  results(scope: ReportScope): Promise<CheckResult[]> {
    const slots = [...this.slots.values()].filter((slot) =>
      inScope(slot.entry, scope),
    );
    return Promise.all(slots.map((slot) => slot.result()));
  }

  /** Runs the checks of a scope and builds the report body. */
  async report(scope: ReportScope): Promise<HealthReport> {
    const results = await this.results(scope);
    return buildReport(results, scope, this.settings, this.clock.wall());
  }

  /** Builds the body of `/health/live` without running a check. */
  liveness(): Omit<HealthReport, 'checks'> {
    return buildLiveness(this.settings, this.clock.wall());
  }

  /** Returns the newest result of each check without running any. */
  latestResults(): CheckResult[] {
    return [...this.slots.values()].flatMap((slot) =>
      slot.latest ? [slot.latest] : [],
    );
  }

  /**
   * Stops the schedule, unbinds the instruments and closes every check.
   * The registry still serves probes afterwards, without metrics.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.unfollow?.();
    this.unbind();
    for (const slot of this.slots.values()) closeCheck(slot.entry, this.log);
  }

  private latestStatus(): HealthStatus | undefined {
    const standard = this.latestResults().filter((result) => !result.deep);
    return standard.length === 0 ? undefined : overallStatus(standard);
  }

  private bind(provider: MeterProvider): void {
    if (this.stopped) return;
    this.instruments.bind(provider);
    this.startSchedule();
  }

  private unbind(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.instruments.unbind();
  }

  private startSchedule(): void {
    const { intervalMillis } = this.settings;
    if (this.timer || intervalMillis === 0) return;

    this.timer = setInterval(() => void this.results('deep'), intervalMillis);
    this.timer.unref();
    void this.results('deep');
  }

  private recordResult(
    result: CheckResult,
    previous: CheckResult | undefined,
  ): void {
    if (!this.slots.has(result.name)) return;

    this.instruments.recordDuration(result);
    const wasDown = previous?.status === 'down';
    if (result.status !== 'down')
      this.lastSuccess.set(result.name, result.finishedAt);
    this.logResult(result, wasDown);
  }

  /**
   * Logs every failed or degraded run with its full message, which can
   * contain what the response leaves out. The diagnostic logger writes a
   * repeated line at most once a minute.
   */
  private logResult(result: CheckResult, wasDown: boolean): void {
    const reason = result.message ?? 'no reason given';
    if (result.status === 'down') {
      this.log.warn(`check ${result.name} (${result.kind}) is down: ${reason}`);
    } else if (result.status === 'degraded') {
      this.log.warn(
        `check ${result.name} (${result.kind}) is degraded: ${reason}`,
      );
    } else if (wasDown) {
      this.log.info(`check ${result.name} (${result.kind}) is up again`);
    }
  }

  private validate(check: HealthCheck): RegisteredCheck {
    if (typeof check?.run !== 'function') {
      throw new TypeError('health: a check needs a run(signal) function');
    }
    for (const [field, value] of [
      ['name', check.name],
      ['kind', check.kind],
    ] as const) {
      if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
        throw new TypeError(
          `health: invalid check ${field} ${JSON.stringify(value)}: use 1 to 64 ` +
            'letters, digits, "_", "-" or "."',
        );
      }
    }
    if (this.slots.has(check.name)) {
      throw new TypeError(
        `health: a check named ${check.name} is already registered`,
      );
    }
    return {
      check,
      name: check.name,
      kind: check.kind,
      critical: check.critical ?? false,
      deep: check.deep ?? false,
      timeoutMillis: this.timeoutOf(check),
    };
  }

  private timeoutOf(check: HealthCheck): number {
    const value = check.timeoutMillis;
    if (value === undefined) return this.settings.timeoutMillis;
    if (Number.isFinite(value) && value >= 1) return value;

    warnAboutOption(
      this.log,
      'health',
      `check ${check.name}: timeoutMillis=${String(value)} is invalid: expected ` +
        `a number of at least 1; using ${this.settings.timeoutMillis}`,
    );
    return this.settings.timeoutMillis;
  }
}

function inScope(entry: RegisteredCheck, scope: ReportScope): boolean {
  if (scope === 'deep') return true;
  if (entry.deep) return false;
  return scope === 'standard' || entry.critical;
}

function closeCheck(entry: RegisteredCheck, log: DiagLogger): void {
  try {
    entry.check.close?.();
  } catch (error) {
    log.warn(`check ${entry.name}: close() failed:`, error);
  }
}

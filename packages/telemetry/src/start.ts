import { dirname } from 'node:path';
import { type DiagLogger, logs, metrics, trace } from '@opentelemetry/api';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { startBusinessRuntime } from './business/runtime.js';
import { disabledLine } from './config/disabled.js';
import { describeIssue, TelemetryConfigError } from './config/issues.js';
import type { Environment } from './config/parse.js';
import { resolveConfig } from './config/resolve.js';
import type { ResolvedConfig } from './config/resolved.js';
import { componentLogger, installDiagLogger, logEvenWithoutSdk } from './diag/logger.js';
import {
  announceSdkMeterProvider,
  withdrawSdkMeterProvider,
} from './health/sdk-link.js';
import { enableInstrumentations } from './instrumentations/enable.js';
import { recordPrismaOperationDurations } from './instrumentations/prisma-metrics.js';
import { RedactingSpanProcessor, UrlRedactor } from './instrumentations/redaction.js';
import { type ActiveInstrumentation, createInstrumentations } from './instrumentations/registry.js';
import { connectLogs } from './logs/sdk-link.js';
import { findPackageInfo } from './resource/package-info.js';
import { buildResource } from './resource/resource.js';
import { registerContext } from './sdk/context.js';
import { DISABLED_HANDLE, TelemetryLifecycle } from './sdk/lifecycle.js';
import { describeStart } from './sdk/start-summary.js';
import { createLoggerProvider } from './sdk/logs.js';
import { createMetricsPipeline } from './sdk/metrics.js';
import { shutdownOnSignals } from './sdk/signals.js';
import { createTracerProvider } from './sdk/tracing.js';
import type { TelemetryHandle, TelemetryOptions } from './types.js';
import { SDK_VERSION } from './version.js';

const RUNNING = Symbol.for('@seda/telemetry.running');

interface ProcessState {
  [RUNNING]?: { handle: TelemetryHandle; warnedAboutRestart: boolean };
}

/**
 * Starts the OpenTelemetry SDK: resource, tracer, meter and logger
 * providers, exporters and instrumentations, configured by `options` over
 * the `OTEL_*` environment variables. Call it before the application loads
 * the libraries it instruments.
 *
 * It throws only a {@link TelemetryConfigError}, in strict mode. Any other
 * failure during start is logged and a disabled handle returned, so that
 * telemetry cannot stop the application from starting. A second call while
 * the SDK runs warns once and returns the first handle.
 */
export function startTelemetry(options: TelemetryOptions = {}): TelemetryHandle {
  const state = globalThis as ProcessState;
  const running = state[RUNNING];
  if (running) {
    warnAboutRestart(running);
    return running.handle;
  }

  try {
    const handle = start(options, process.env, () => {
      if (state[RUNNING]?.handle === handle) delete state[RUNNING];
    });
    if (handle.enabled) state[RUNNING] = { handle, warnedAboutRestart: false };
    return handle;
  } catch (error) {
    if (error instanceof TelemetryConfigError) throw error;
    reportStartFailure(error);
    return DISABLED_HANDLE;
  }
}

/**
 * Logs a failure of the start. It can happen before the diagnostic logger is
 * installed, when the global one still drops everything, so it goes to
 * stderr then.
 */
function reportStartFailure(error: unknown): void {
  logEvenWithoutSdk(
    'error',
    componentLogger('sdk'),
    'sdk',
    `failed to start, so telemetry is disabled: ${describeError(error)}`,
  );
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function warnAboutRestart(running: { warnedAboutRestart: boolean }): void {
  if (running.warnedAboutRestart) return;
  running.warnedAboutRestart = true;
  componentLogger('sdk').warn(
    'startTelemetry() was called again while the SDK is running; ' +
      'returning the running handle and ignoring the new options',
  );
}

function start(
  options: TelemetryOptions,
  env: Environment,
  onStopped: () => void,
): TelemetryHandle {
  const { config, issues } = resolveConfig(options, env);
  installDiagLogger(config.logLevel);
  const log = componentLogger('config');
  if (issues.length > 0 && config.strict) throw new TelemetryConfigError(issues);
  for (const issue of issues) log.warn(describeIssue(issue));

  if (config.disabled) {
    componentLogger('sdk').info(
      disabledLine(options.disabled ? 'the disabled option' : 'OTEL_SDK_DISABLED=true'),
    );
    return DISABLED_HANDLE;
  }
  return startEnabled(config, onStopped);
}

function startEnabled(config: ResolvedConfig, onStopped: () => void): TelemetryHandle {
  const log = componentLogger('sdk');
  setGlobalErrorHandler((error) => log.error('export failed:', error));

  const appDirs = applicationDirs();
  const resource = buildResource(config, findPackageInfo(appDirs), log);
  const redactor = new UrlRedactor(
    config.instrumentations.http ? config.instrumentations.http.redactedQueryParams : [],
  );

  const metricsPipeline = createMetricsPipeline(config, resource, log);
  const meterProvider = metricsPipeline?.meterProvider;
  const selfMetrics = config.selfMetrics ? meterProvider : undefined;
  const tracerProvider = createTracerProvider(
    config,
    resource,
    [
      new RedactingSpanProcessor(redactor, {
        atStart: config.traces.spanProcessors.length > 0,
      }),
    ],
    selfMetrics,
  );
  const loggerProvider = createLoggerProvider(config, resource, selfMetrics);

  registerContext(config.propagators);
  if (tracerProvider) trace.setGlobalTracerProvider(tracerProvider);
  if (meterProvider) metrics.setGlobalMeterProvider(meterProvider);
  if (loggerProvider) logs.setGlobalLoggerProvider(loggerProvider);
  const stopBusiness = startBusinessRuntime(config.business, meterProvider);
  const disconnectLogs = connectLogs(loggerProvider, resource, log);

  const active = createInstrumentations(
    {
      config,
      redactor,
      isScrapeRequest: (request) =>
        metricsPipeline?.prometheus?.isScrapeRequest(request) ?? false,
    },
    appDirs,
    log,
  );
  const stopInstrumentations = enableInstrumentations(active, log);
  const stopPrismaMetrics =
    meterProvider && active.some((entry) => entry.name === 'prisma')
      ? recordPrismaOperationDurations(meterProvider.getMeter('@seda/telemetry', SDK_VERSION))
      : () => {};

  let removeSignalListeners = () => {};
  const lifecycle = new TelemetryLifecycle(
    {
      tracerProvider,
      meterProvider,
      loggerProvider,
      beforeMetricsShutdown: () => metricsPipeline?.loadExporters(),
      prometheusUrl: metricsPipeline?.prometheus?.url ?? Promise.resolve(undefined),
      timeoutMillis: config.shutdown.timeoutMillis,
      cleanups: [
        () => {
          if (meterProvider) withdrawSdkMeterProvider(meterProvider);
        },
        stopBusiness,
        disconnectLogs,
        () => removeSignalListeners(),
        () => process.off('beforeExit', onBeforeExit),
        stopPrismaMetrics,
        stopInstrumentations,
        () => metricsPipeline?.prometheus?.close(),
      ],
    },
    log,
    onStopped,
  );

  // Batch timers do not keep the process alive, so without this a process
  // that ends on its own would drop what is still queued.
  const onBeforeExit = () => void lifecycle.shutdown();
  process.once('beforeExit', onBeforeExit);
  if (config.shutdown.signals) {
    removeSignalListeners = shutdownOnSignals(() => lifecycle.shutdown(), log);
  }

  // Health registries record into this provider from now on, including
  // those created before the SDK started.
  if (meterProvider) announceSdkMeterProvider(meterProvider);
  log.info(describeStart(config, active, redactor));
  return lifecycle;
}

/** Directories the application's packages resolve from: its entry script's and the working directory. */
function applicationDirs(): string[] {
  const entry = process.argv[1];
  return entry ? [dirname(entry), process.cwd()] : [process.cwd()];
}

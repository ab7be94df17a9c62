import { dirname } from 'node:path';
import { describeIssue } from '../config/issues.js';
import { resolveHealthRegistry, HEALTH_DEFAULTS } from '../config/health.js';
import type { Environment } from '../config/parse.js';
import { componentLogger, warnAboutOption } from '../diag/logger.js';
import { findPackageInfo } from '../resource/package-info.js';
import { HealthRegistry } from './registry.js';
import { type Clock, SYSTEM_CLOCK } from './run-check.js';
import type { HealthRegistryOptions } from './types.js';

/**
 * Creates a registry of health checks, which works with or without the
 * SDK. While `startTelemetry` runs, whether it started before or after this
 * call, the `health.*` instruments record into its meter provider and the
 * checks also run in the background every `intervalMillis`. Without it the
 * instruments are no-ops and checks run only when probed. Invalid options
 * are logged and replaced by their defaults, so this never throws.
 */
export function createHealthRegistry(
  options: HealthRegistryOptions = {},
): HealthRegistry {
  return createRegistry(options, process.env, SYSTEM_CLOCK);
}

/** {@link createHealthRegistry} with the environment and clocks given. */
export function createRegistry(
  options: HealthRegistryOptions,
  env: Environment,
  clock: Clock,
): HealthRegistry {
  const log = componentLogger('health');
  const { config, issues } = resolveHealthRegistry(options, env);
  for (const issue of issues) warnAboutOption(log, 'health', describeIssue(issue));

  return new HealthRegistry(
    {
      ...config,
      version:
        config.version ?? applicationVersion() ?? HEALTH_DEFAULTS.version,
      meterProvider: options.meterProvider,
    },
    clock,
    log,
  );
}

function applicationVersion(): string | undefined {
  const entry = process.argv[1];
  const dirs = entry ? [dirname(entry), process.cwd()] : [process.cwd()];
  return findPackageInfo(dirs).version;
}

import { sanitizeMessage } from './sanitize.js';
import { overallStatus } from './status.js';
import type {
  CheckReport,
  CheckResult,
  HealthReport,
  ReportScope,
} from './types.js';

/** The service identity that every report carries. */
export interface ReportIdentity {
  readonly version: string;
  readonly environment: string;
}

/** Maximum depth of copied details. Deeper values are dropped. */
const MAX_DETAIL_DEPTH = 6;

/** Builds the body of a report from the results of its scope. */
export function buildReport(
  results: readonly CheckResult[],
  scope: ReportScope,
  identity: ReportIdentity,
  now: number,
): HealthReport {
  const checks: Record<string, CheckReport> = {};
  for (const result of results) {
    checks[result.name] = checkReport(result, scope === 'deep');
  }
  return {
    status: overallStatus(results),
    checks,
    uptimeSeconds: round(process.uptime(), 3),
    version: identity.version,
    environment: identity.environment,
    timestamp: new Date(now).toISOString(),
  };
}

/** Builds the body of `/health/live`, which probes no dependency. */
export function buildLiveness(
  identity: ReportIdentity,
  now: number,
): Omit<HealthReport, 'checks'> {
  return {
    status: 'healthy',
    uptimeSeconds: round(process.uptime(), 3),
    version: identity.version,
    environment: identity.environment,
    timestamp: new Date(now).toISOString(),
  };
}

function checkReport(result: CheckResult, withDetails: boolean): CheckReport {
  const report: CheckReport = {
    status: result.status,
    kind: result.kind,
    critical: result.critical,
    responseTimeMillis: round(result.durationMillis, 2),
    checkedAt: new Date(result.finishedAt).toISOString(),
  };
  const error = result.status === 'up' ? undefined : result.safeMessage;
  return {
    ...report,
    ...(error === undefined ? {} : { error }),
    ...(withDetails && result.details
      ? {
          details: sanitizeDetails(result.details, 0) as Record<
            string,
            unknown
          >,
        }
      : {}),
  };
}

/**
 * Copies details with every string sanitised like error messages, because
 * details can carry driver errors and statement texts. Values that JSON
 * cannot hold (functions, symbols, cycles past the depth) are dropped, and
 * a bigint becomes a number.
 */
function sanitizeDetails(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return sanitizeMessage(value);
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' || typeof value === 'symbol'
      ? undefined
      : value;
  }
  if (depth >= MAX_DETAIL_DEPTH) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    return value.map((item) => sanitizeDetails(item, depth + 1) ?? null);
  }

  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const sanitized = sanitizeDetails(item, depth + 1);
    if (sanitized !== undefined) copy[key] = sanitized;
  }
  return copy;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

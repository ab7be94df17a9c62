/** One invalid or unsupported configuration value found while resolving. */
export interface ConfigIssue {
  /** The environment variable or option path, such as `OTEL_TRACES_SAMPLER_ARG`. */
  readonly source: string;
  /** The value as given, quoted in messages. */
  readonly value: unknown;
  /** A description of the valid values, such as `a number from 0 to 1`. */
  readonly expected: string;
  /** A description of the value the SDK uses instead. */
  readonly fallback: string;
}

/** Thrown by `startTelemetry` in strict mode when the configuration is invalid. */
export class TelemetryConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const lines = issues.map((issue) => `  - ${describeProblem(issue)}`);
    super(
      `@seda/telemetry: invalid configuration (strict mode):\n${lines.join('\n')}`,
    );
    this.name = 'TelemetryConfigError';
    this.issues = issues;
  }
}

/** Formats an issue as one sentence naming the source, the value and the fallback. */
export function describeIssue(issue: ConfigIssue): string {
  return `${describeProblem(issue)}; using ${issue.fallback}`;
}

/**
 * Formats an issue without its fallback, for strict mode, where nothing
 * falls back.
 */
export function describeProblem(issue: ConfigIssue): string {
  const shown =
    typeof issue.value === 'string'
      ? JSON.stringify(issue.value)
      : String(issue.value);
  return `${issue.source}=${shown} is invalid: expected ${issue.expected}`;
}

/** Collects issues during one resolution so they are reported once each. */
export class IssueCollector {
  readonly issues: ConfigIssue[] = [];

  /** Adds an issue unless the same source and value were already reported. */
  add(issue: ConfigIssue): void {
    const seen = this.issues.some(
      (known) => known.source === issue.source && known.value === issue.value,
    );
    if (!seen) this.issues.push(issue);
  }
}

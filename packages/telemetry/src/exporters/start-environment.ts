/** The variables that the OTLP exporter packages read when constructed. */
const EXPORTER_PREFIX = 'OTEL_EXPORTER_OTLP_';

type Variables = Record<string, string | undefined>;

/**
 * Remembers the OTLP exporter variables as they are at start and constructs
 * an exporter later under them. The exporter packages read some variables
 * themselves, such as `OTEL_EXPORTER_OTLP_HEADERS` and the metrics
 * temporality preference, so an exporter constructed at its first export
 * would otherwise see variables that a `.env` loader set after start, which
 * the SDK's configuration never saw.
 */
export class StartEnvironment {
  private readonly atStart = exporterVariables();

  /** Runs `build` with the exporter variables as they were at start. */
  apply<T>(build: () => T): T {
    const now = exporterVariables();
    replaceVariables(now, this.atStart);
    try {
      return build();
    } finally {
      replaceVariables(this.atStart, now);
    }
  }
}

function exporterVariables(): Variables {
  const variables: Variables = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith(EXPORTER_PREFIX)) variables[name] = value;
  }
  return variables;
}

/** Sets the exporter variables from `current` to `next`. */
function replaceVariables(current: Variables, next: Variables): void {
  for (const name of Object.keys(current)) {
    if (!(name in next)) delete process.env[name];
  }
  for (const [name, value] of Object.entries(next)) {
    if (value !== undefined) process.env[name] = value;
  }
}

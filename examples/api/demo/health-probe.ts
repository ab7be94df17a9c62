import { setTimeout as sleep } from 'node:timers/promises';

/** One response of the API's `/health`. */
export interface HealthProbe {
  /** The HTTP status, or undefined when the request failed. */
  status: number | undefined;
  /** The JSON body, or the reason the request failed. */
  body: HealthBody | undefined;
  error?: string;
}

/** The part of the `/health` body that the demo prints. */
export interface HealthBody {
  status: string;
  checks: Record<string, { status: string; error?: string }>;
  [field: string]: unknown;
}

const PROBE_TIMEOUT_MILLIS = 5_000;
const POLL_MILLIS = 250;

/** Sends `GET /health` once. Never rejects: a failure is in `error`. */
export async function probeHealth(baseUrl: string): Promise<HealthProbe> {
  try {
    const response = await fetch(new URL('/health', baseUrl), {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MILLIS),
    });

    return {
      status: response.status,
      body: (await response.json()) as HealthBody,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);

    return { status: undefined, body: undefined, error: message };
  }
}

/**
 * Probes `/health` until `accept` returns true or `timeoutMillis` passes, and
 * returns the last probe either way.
 */
export async function probeHealthUntil(
  baseUrl: string,
  accept: (probe: HealthProbe) => boolean,
  timeoutMillis: number,
): Promise<HealthProbe> {
  const deadline = performance.now() + timeoutMillis;
  let probe = await probeHealth(baseUrl);

  while (!accept(probe) && performance.now() < deadline) {
    await sleep(POLL_MILLIS);
    probe = await probeHealth(baseUrl);
  }
  return probe;
}

/**
 * Formats a probe as the demo prints it: the status line, then the body as
 * JSON with its top-level fields one per line and each check on one line.
 */
export function formatHealthProbe(label: string, probe: HealthProbe): string[] {
  if (probe.body === undefined) {
    return [`GET /health ${label}: failed (${probe.error ?? 'no body'})`];
  }

  const checks = Object.entries(probe.body.checks).map(
    ([name, check]) => `    ${JSON.stringify(name)}: ${JSON.stringify(check)}`,
  );
  const fields = Object.entries(probe.body).map(([key, value]) =>
    key === 'checks'
      ? [`  "checks": {`, ...withCommas(checks), '  }'].join('\n')
      : `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );

  return [
    `GET /health ${label}: HTTP ${probe.status}`,
    '{',
    ...withCommas(fields).flatMap((field) => field.split('\n')),
    '}',
  ];
}

/** Adds the commas that separate JSON members, after all but the last. */
function withCommas(members: readonly string[]): string[] {
  return members.map((member, i) =>
    i < members.length - 1 ? `${member},` : member,
  );
}

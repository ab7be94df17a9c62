import { readFileSync } from 'node:fs';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import type { FixtureHandle, OtlpReceiver } from '@seda/test-utils';
import { exportEnv, startFixture } from '../support/fixtures.js';

/** A parsed JSON line, with the text it came from for failure messages. */
export type LogLine = Record<string, unknown>;

/**
 * Parses every line of `text` as JSON. Throws naming the first line that
 * is not a JSON object, so a test fails on any line that is not JSON.
 */
export function parseJsonLines(text: string): LogLine[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new Error(`not a JSON line: ${line}`);
      }
      if (
        parsed === null ||
        typeof parsed !== 'object' ||
        Array.isArray(parsed)
      ) {
        throw new Error(`not a JSON object: ${line}`);
      }
      return parsed as LogLine;
    });
}

/** Reads a log file as JSON lines, or none while it does not exist. */
export function readJsonLines(path: string): LogLine[] {
  try {
    return parseJsonLines(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Polls until `read` returns a line with `message`, for outputs written asynchronously. */
export async function waitForLine(
  read: () => LogLine[],
  message: string,
  timeoutMillis = 5_000,
): Promise<LogLine> {
  const deadline = Date.now() + timeoutMillis;
  for (;;) {
    const line = read().find((candidate) => candidate.message === message);
    if (line) return line;
    if (Date.now() > deadline) {
      throw new Error(
        `no line with message "${message}" within ${timeoutMillis} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A fixture of `test/fixtures/logs` that prints `listening on <url>` on stderr. */
export interface LogFixture {
  readonly fixture: FixtureHandle;
  readonly url: string;
  /** The JSON lines on stdout so far; throws for any line that is not JSON. */
  lines(): LogLine[];
}

/** Starts a log fixture exporting to `receiver`, with `env` added. */
export async function startLogFixture(
  file: string,
  receiver: OtlpReceiver,
  env: Record<string, string | undefined> = {},
): Promise<LogFixture> {
  const fixture = await startFixture(`logs/${file}`, {
    env: exportEnv(receiver, { OTEL_METRICS_EXPORTER: 'none', ...env }),
  });
  const [, url] = await fixture.waitForOutput(/listening on (http:\/\/\S+)/, {
    stream: 'stderr',
  });
  return {
    fixture,
    url: url as string,
    lines: () => parseJsonLines(fixture.stdout()),
  };
}

/** The ids of the server span in which a fixture route ran. */
export interface SpanIds {
  traceId: string;
  spanId: string;
}

/** Requests `url` and returns the span ids that the fixture responds with. */
export async function requestIds(url: string): Promise<SpanIds> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as SpanIds;
}

/**
 * Registers a context manager and a tracer provider in this process, for
 * in-process tests that log inside spans.
 */
export function useInProcessTracing(): () => void {
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  trace.setGlobalTracerProvider(new TracerProvider());
  return () => {
    trace.disable();
    context.disable();
  };
}

/** Runs `body` inside a new active span and returns the span's ids. */
export function inSpan(body: () => void): SpanIds {
  return trace.getTracer('logs-test').startActiveSpan('work', (span) => {
    body();
    span.end();
    const { traceId, spanId } = span.spanContext();
    return { traceId, spanId };
  });
}

/** A console stream that keeps what is written, optionally posing as a terminal. */
export class CapturedStream {
  readonly chunks: string[] = [];

  constructor(
    readonly isTTY = false,
    private readonly colours = false,
  ) {}

  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }

  hasColors(): boolean {
    return this.colours;
  }

  text(): string {
    return this.chunks.join('');
  }

  lines(): LogLine[] {
    return parseJsonLines(this.text());
  }
}

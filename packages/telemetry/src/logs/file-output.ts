import {
  createWriteStream,
  mkdirSync,
  openSync,
  type WriteStream,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DiagLogger } from '@opentelemetry/api';

/**
 * Bytes a log file may buffer in memory while the disk is slower than the
 * logger. Lines beyond it are dropped and counted, so that the process does
 * not grow without bound.
 */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** Somewhere finished lines go: the console or a file. */
export interface LineOutput {
  write(line: string): void;
  /** Resolves once every line written so far has been handed to the system. */
  close(): Promise<void>;
}

/**
 * Opens `path` for appending, creating its folder when missing. When the
 * file cannot be opened the error is logged, naming the path, and
 * `undefined` returned, so the logger runs with its other outputs. A write
 * that fails later is logged once and the file is dropped from then on.
 */
export function openLogFile(
  path: string,
  log: DiagLogger,
): LineOutput | undefined {
  const absolute = resolve(path);
  let fd: number;
  try {
    mkdirSync(dirname(absolute), { recursive: true });
    fd = openSync(absolute, 'a');
  } catch (error) {
    log.error(
      `cannot open the log file ${absolute} (${describe(error)}); ` +
        'its records go to the other outputs only',
    );
    return undefined;
  }
  return new LogFile(absolute, createWriteStream(absolute, { fd }), log);
}

class LogFile implements LineOutput {
  private failed = false;
  /** Lines dropped since the buffer last went over its limit. */
  private dropped = 0;

  constructor(
    private readonly path: string,
    private readonly stream: WriteStream,
    private readonly log: DiagLogger,
  ) {
    stream.on('error', (error) => this.fail(error));
  }

  write(line: string): void {
    if (this.failed) return;
    if (this.stream.writableLength > MAX_BUFFERED_BYTES) {
      this.drop();
      return;
    }
    if (this.dropped > 0) this.reportDropped();
    this.stream.write(line);
  }

  close(): Promise<void> {
    if (this.failed || this.stream.destroyed) return Promise.resolve();
    return new Promise((done) => {
      this.stream.end(done);
    });
  }

  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.stream.destroy();
    this.log.error(
      `cannot write the log file ${this.path} (${describe(error)}); ` +
        'its records go to the other outputs only from now on',
    );
  }

  private drop(): void {
    this.dropped += 1;
    if (this.dropped === 1) {
      this.log.warn(
        `log file ${this.path}: more than ${MAX_BUFFERED_BYTES} bytes wait ` +
          'for the disk; dropping lines until it catches up',
      );
    }
  }

  private reportDropped(): void {
    this.log.warn(`log file ${this.path}: dropped ${this.dropped} lines`);
    this.dropped = 0;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

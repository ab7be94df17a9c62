import type winston from 'winston';
import type { LineOutput } from '../file-output.js';
import { formatJsonLine, type LineRecord } from '../line.js';
import type { LoggerSetup } from '../setup.js';
import { LEVEL, TIMESTAMP } from './symbols.js';

/** Options of winston's transport base class, the subset used here. */
interface TransportOptions {
  level?: string;
  log(info: Info, next: () => void): void;
  close(): void;
}

/** winston exports the transport base class as `Transport`, which its types omit. */
export type WinstonWithTransport = typeof winston & {
  Transport: new (options: TransportOptions) => winston.transport;
};
type Info = winston.Logform.TransformableInfo &
  Record<string | symbol, unknown>;

/**
 * Builds the console transport and the file transports that were
 * configured and could be opened. The errors-only file takes level `error`,
 * which in winston also lets the more severe syslog levels through.
 */
export function lineTransports(
  library: WinstonWithTransport,
  setup: LoggerSetup,
): winston.transport[] {
  const { console, file, errorFile, serviceName } = setup;
  const transports = [
    lineTransport(library, console, console.render, serviceName),
  ];
  if (file) {
    transports.push(lineTransport(library, file, formatJsonLine, serviceName));
  }
  if (errorFile) {
    transports.push(
      lineTransport(library, errorFile, formatJsonLine, serviceName, 'error'),
    );
  }
  return transports;
}

function lineTransport(
  library: WinstonWithTransport,
  output: LineOutput,
  render: (record: LineRecord) => string,
  serviceName: string,
  level?: string,
): winston.transport {
  return new library.Transport({
    level,
    log(info: Info, next: () => void) {
      output.write(render(toLineRecord(info, serviceName)));
      next();
    },
    close() {
      void output.close();
    },
  });
}

function toLineRecord(info: Info, serviceName: string): LineRecord {
  const { level, message, ...fields } = info;
  const time =
    typeof info[TIMESTAMP] === 'number' ? info[TIMESTAMP] : Date.now();
  return {
    timestamp: new Date(time).toISOString(),
    level: typeof info[LEVEL] === 'string' ? info[LEVEL] : String(level),
    message: typeof message === 'string' ? message : '',
    serviceName,
    fields,
  };
}

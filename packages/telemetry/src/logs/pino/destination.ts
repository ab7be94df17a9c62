import type { LineRecord } from '../line.js';
import type { LoggerSetup } from '../setup.js';

/** The key pino sets on a stream to receive each record's level before it is written. */
const NEEDS_METADATA = Symbol.for('pino.metadata');

/** pino's level number of `error`; the errors-only file gets this and above. */
export const PINO_ERROR_LEVEL = 50;

/**
 * The destination of a pino logger from this package. pino serialises each
 * record without `timestamp` and `service.name`, which this destination
 * puts in front, so that the OpenTelemetry stream of
 * `@opentelemetry/instrumentation-pino`, which reads pino's output too,
 * does not copy them into log attributes. pino writes synchronously, so
 * the time taken here is the time of the log call.
 */
export class PinoLineDestination {
  readonly [NEEDS_METADATA] = true;
  /** Set by pino, or by its multistream, before each `write`. */
  lastLevel = 0;
  private readonly servicePrefix: string;

  constructor(private readonly setup: LoggerSetup) {
    this.servicePrefix = `,"service.name":${JSON.stringify(setup.serviceName)},`;
  }

  write(serialized: string): void {
    const line =
      `{"timestamp":"${new Date().toISOString()}"` +
      this.servicePrefix +
      serialized.slice(1);
    const { console, file, errorFile } = this.setup;

    console.write(console.format === 'json' ? line : this.renderConsole(line));
    file?.write(line);
    if (this.lastLevel >= PINO_ERROR_LEVEL) errorFile?.write(line);
  }

  private renderConsole(line: string): string {
    const { timestamp, level, message, ...rest } = JSON.parse(line) as Record<
      string,
      unknown
    >;
    delete rest['service.name'];
    const record: LineRecord = {
      timestamp: String(timestamp),
      level: String(level),
      message: typeof message === 'string' ? message : '',
      serviceName: this.setup.serviceName,
      fields: rest,
    };
    return this.setup.console.render(record);
  }
}

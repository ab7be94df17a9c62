import type { DiagLogger, LoggerProvider, LogRecord } from '@opentelemetry/api';
import {
  type Logger as ApiLogsLogger,
  type LoggerOptions as ApiLogsLoggerOptions,
  type LoggerProvider as ApiLogsLoggerProvider,
  type LogRecord as ApiLogsLogRecord,
  logs as apiLogs,
} from '@opentelemetry/api-logs';

type EnabledOptions = Parameters<ApiLogsLogger['enabled']>[0];

/**
 * The SDK's logger provider behind the `@opentelemetry/api-logs` interface.
 * Both packages describe the same records, and their `SeverityNumber` enums
 * share every value, so records pass through unchanged.
 */
class ApiLogsProvider implements ApiLogsLoggerProvider {
  constructor(private readonly provider: LoggerProvider) {}

  getLogger(
    name: string,
    version?: string,
    options?: ApiLogsLoggerOptions,
  ): ApiLogsLogger {
    const logger = this.provider.getLogger(name, version, options);
    return {
      emit: (record: ApiLogsLogRecord) => logger.emit(record as LogRecord),
      enabled: (enabledOptions?: EnabledOptions) =>
        logger.enabled(enabledOptions as Parameters<typeof logger.enabled>[0]),
    };
  }
}

/**
 * Makes the SDK's logger provider the global provider of
 * `@opentelemetry/api-logs` too. `@opentelemetry/winston-transport` 0.34
 * still emits through that older API, whose global is separate from the
 * `logs` global of `@opentelemetry/api` 1.10, so without the bridge its
 * records never reach the SDK. Returns the function that removes the
 * bridge, which leaves a provider that someone else registered alone.
 */
export function bridgeApiLogs(
  provider: LoggerProvider,
  log: DiagLogger,
): () => void {
  const bridge = new ApiLogsProvider(provider);
  const registered = apiLogs.setGlobalLoggerProvider(bridge);
  if (registered !== bridge) {
    log.warn(
      'another @opentelemetry/api-logs logger provider is registered; ' +
        'records of @opentelemetry/winston-transport go to it, not to this SDK',
    );
    return () => {};
  }
  log.debug('logs: @opentelemetry/api-logs bridged to the SDK logger provider');

  return () => {
    if (apiLogs.getLoggerProvider() === bridge) apiLogs.disable();
  };
}

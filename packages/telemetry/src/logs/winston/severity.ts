import { SeverityNumber } from '@opentelemetry/api';

/**
 * OpenTelemetry severity of each winston level name, for the `npm` and
 * `syslog` level sets. Syslog levels follow the example mapping of the
 * OpenTelemetry log data model (Appendix B of its data-model appendix):
 * `crit` is ERROR2, `alert` ERROR3 and `emerg` FATAL, where
 * `@opentelemetry/winston-transport` 0.34 on its own maps them to FATAL,
 * FATAL2 and FATAL3. npm levels below `info` keep the transport's mapping
 * into the DEBUG and TRACE ranges, ordered as npm orders them.
 */
export const WINSTON_SEVERITIES: Readonly<Record<string, SeverityNumber>> = {
  emerg: SeverityNumber.FATAL,
  alert: SeverityNumber.ERROR3,
  crit: SeverityNumber.ERROR2,
  error: SeverityNumber.ERROR,
  warning: SeverityNumber.WARN,
  warn: SeverityNumber.WARN,
  notice: SeverityNumber.INFO2,
  info: SeverityNumber.INFO,
  http: SeverityNumber.DEBUG3,
  verbose: SeverityNumber.DEBUG2,
  debug: SeverityNumber.DEBUG,
  silly: SeverityNumber.TRACE,
};

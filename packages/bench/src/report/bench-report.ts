import type { SoakResult } from '../export-path/soak.js';
import type { SpanThroughputStep } from '../export-path/span-throughput.js';
import type {
  CensusMeasurement,
  LoadMeasurement,
  StartMeasurement,
} from '../run/measurements.js';
import type { BenchSettings } from '../settings.js';

/** The machine a run measured on. */
export interface MachineInfo {
  readonly node: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  /** One-minute load average when the run started. */
  readonly loadAverage: number;
}

/** Everything a run measured, as written to the JSON report. */
export interface BenchReport {
  readonly settings: BenchSettings;
  readonly machine: MachineInfo;
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly census: readonly CensusMeasurement[];
  readonly load: readonly LoadMeasurement[];
  readonly cjsStarts: readonly StartMeasurement[];
  readonly spanThroughput: readonly SpanThroughputStep[];
  readonly soaks: readonly SoakResult[];
}

import { styleText } from 'node:util';
import type { DemoTelemetry } from '../demo-telemetry.js';
import { SIGNAL_CHECKS } from '../signal-checks.js';
import { formatSection } from './text-layout.js';

export const EXPECTED_SIGNALS_TITLE = 'Expected signals';

export function formatExpectedSignals(telemetry: DemoTelemetry): string {
  const lines = SIGNAL_CHECKS.map((check) =>
    check.arrived(telemetry)
      ? `${styleText('green', 'ok')}       ${check.signal}`
      : `${styleText('red', 'MISSING')}  ${check.signal}`,
  );

  return formatSection(EXPECTED_SIGNALS_TITLE, lines);
}

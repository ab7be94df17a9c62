// The demo of @seda/telemetry: runs the example API with the SDK exporting
// to a local OTLP receiver, drives traffic, stops the API and prints what
// arrived. Exit codes: 0 when every expected signal arrived, 1 when one did
// not or the API failed, 2 for an invalid setting, 130 after Ctrl-C.
import { DemoFailure } from './demo-failure.js';
import { DemoOptionsError, readDemoOptions } from './options.js';
import { DemoInterrupted, runDemo, type DemoOutput } from './run-demo.js';

const EXIT_INVALID_SETTING = 2;
const EXIT_INTERRUPTED = 130;

const output: DemoOutput = {
  line: (text) => process.stdout.write(`${text}\n`),
  problem: (text) => process.stderr.write(`${text}\n`),
};

/**
 * Aborts the run on the first SIGINT or SIGTERM, so that the API is stopped
 * and the receiver closed. A second signal exits at once, and the fixture
 * runner then kills the API with SIGKILL.
 */
function interruptOnSignals(): AbortSignal {
  const controller = new AbortController();

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      output.problem(`demo: ${signal}, stopping the API`);
      controller.abort();
      process.once(signal, () => process.exit(EXIT_INTERRUPTED));
    });
  }
  return controller.signal;
}

function exitCodeOf(error: unknown): number {
  if (error instanceof DemoOptionsError) {
    output.problem(`demo: ${error.message}`);
    return EXIT_INVALID_SETTING;
  }
  if (error instanceof DemoInterrupted) return EXIT_INTERRUPTED;
  if (error instanceof DemoFailure) {
    output.problem(`demo failed: ${error.message}`);
    if (error.detail !== undefined) output.problem(error.detail);
    return 1;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : error;

  output.problem(`demo failed: ${String(text)}`);
  return 1;
}

try {
  const options = readDemoOptions(process.env);

  process.exitCode = await runDemo(options, interruptOnSignals(), output);
} catch (error) {
  process.exitCode = exitCodeOf(error);
}

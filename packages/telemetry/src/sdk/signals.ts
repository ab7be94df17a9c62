import type { DiagLogger } from '@opentelemetry/api';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Flushes and shuts the SDK down on SIGTERM and SIGINT, then raises the
 * signal again once no other listener is left, so the process ends as it
 * would have without the SDK. While the shutdown runs, the listeners stay
 * registered: an application that re-raises the signal after its own
 * clean-up (NestJS's `enableShutdownHooks` does) would otherwise end the
 * process in the middle of the final export. The application's own
 * listeners still run as usual, and when one remains after the shutdown,
 * ending the process stays its decision. Returns a function that removes the
 * listeners.
 */
export function shutdownOnSignals(
  shutdown: () => Promise<void>,
  log: DiagLogger,
): () => void {
  let stopping = false;
  const remove = () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };

  function onSignal(signal: NodeJS.Signals): void {
    if (stopping) {
      log.debug(`received ${signal} again while shutting down; it is raised once the shutdown ends`);
      return;
    }
    stopping = true;
    log.debug(`received ${signal}, shutting down`);
    void shutdown().finally(() => {
      remove();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }

  for (const signal of SIGNALS) process.on(signal, onSignal);
  return remove;
}

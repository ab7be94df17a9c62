import type { DiagLogger } from '@opentelemetry/api';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Flushes and shuts the SDK down on SIGTERM and SIGINT. When no other
 * listener handles the signal, the signal is raised again after the shutdown,
 * so the process ends as it would have without the SDK; when the application
 * listens too, ending the process stays the application's decision. Returns
 * a function that removes the listeners.
 */
export function shutdownOnSignals(
  shutdown: () => Promise<void>,
  log: DiagLogger,
): () => void {
  const listeners = SIGNALS.map((signal) => {
    const listener = () => {
      const othersListen = process.listenerCount(signal) > 0;
      log.debug(`received ${signal}, shutting down`);
      void shutdown().finally(() => {
        if (!othersListen) process.kill(process.pid, signal);
      });
    };
    process.once(signal, listener);
    return { signal, listener };
  });

  return () => {
    for (const { signal, listener } of listeners) process.off(signal, listener);
  };
}

import type { DiagLogger } from '@opentelemetry/api';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** Actions the SDK takes on a signal, each bounded in time by the caller. */
export interface SignalActions {
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Flushes and shuts the SDK down on SIGTERM and SIGINT, then raises the
 * signal again once no other listener is left, so the process ends as it
 * would have without the SDK.
 *
 * When the application listens to the signal too, as NestJS's
 * `enableShutdownHooks` does, the SDK only flushes at first and keeps
 * recording: the application may still finish the requests in flight. It
 * shuts down when the signal comes again (NestJS raises it once closed) or
 * when the process runs out of work. While the shutdown runs, the listeners
 * stay registered, so that a signal raised again cannot end the process in
 * the middle of the final export. When a listener of the application
 * remains after the shutdown, ending the process stays its decision.
 * Returns a function that removes the listeners.
 *
 * NOTE: an application whose listener calls `process.exit()` after its own
 * clean-up loses what ended after the flush, because nothing is exported
 * after `process.exit()`.
 */
export function shutdownOnSignals(actions: SignalActions, log: DiagLogger): () => void {
  let flushed = false;
  let stopping = false;
  const remove = () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };

  function onSignal(signal: NodeJS.Signals): void {
    if (stopping) {
      log.debug(`received ${signal} again while shutting down; it is raised once the shutdown ends`);
      return;
    }
    if (!flushed && process.listenerCount(signal) > 1) {
      flushed = true;
      log.debug(
        `received ${signal}, which the application handles too: flushing now, ` +
          'shutting down when the signal comes again or the process ends',
      );
      void actions.flush();
      return;
    }
    stopping = true;
    log.debug(`received ${signal}, shutting down`);
    void actions.shutdown().finally(() => {
      remove();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }

  for (const signal of SIGNALS) process.on(signal, onSignal);
  return remove;
}

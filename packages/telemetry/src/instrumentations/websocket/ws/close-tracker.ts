import type { CloseReason } from '../conventions.js';

const SHUTTING_DOWN = Symbol('@seda/telemetry.ws.shutting-down');
const CLOSE_TRACKER = Symbol('@seda/telemetry.ws.close-tracker');

interface ServerLike {
  [SHUTTING_DOWN]?: boolean;
}

/** Marks a `WebSocketServer` whose `close()` was called. */
export function markShuttingDown(server: object): void {
  (server as ServerLike)[SHUTTING_DOWN] = true;
}

/**
 * Works out why a server-side `ws` socket closed, from what the socket
 * went through: `ws` reports only a close code, which does not say who
 * closed it. A `terminate()` while a ping is unanswered is read as the
 * heartbeat of the `ws` documentation giving up on the client.
 * NOTE: an application that terminates a socket for another reason while a
 * ping is in flight is counted as `ping_timeout` too.
 */
export class WsCloseTracker {
  private pingOutstanding = false;
  private errored = false;
  private serverReason: 'server_close' | 'ping_timeout' | undefined;

  constructor(private readonly server: object) {}

  pingSent(): void {
    this.pingOutstanding = true;
  }

  pongReceived(): void {
    this.pingOutstanding = false;
  }

  errorEmitted(): void {
    this.errored = true;
  }

  /** Records that the server started closing an open socket. */
  serverClosing(terminating: boolean): void {
    this.serverReason ??=
      terminating && this.pingOutstanding ? 'ping_timeout' : 'server_close';
  }

  reason(): CloseReason {
    if (this.errored) return 'transport_error';
    if (!this.serverReason) return 'client_close';
    return (this.server as ServerLike)[SHUTTING_DOWN]
      ? 'server_shutdown'
      : this.serverReason;
  }
}

/** Attaches a close tracker to a server-side socket. */
export function trackClose(socket: object, server: object): void {
  Object.defineProperty(socket, CLOSE_TRACKER, {
    value: new WsCloseTracker(server),
    configurable: true,
  });
}

export function closeTrackerOf(socket: object): WsCloseTracker | undefined {
  return (socket as { [CLOSE_TRACKER]?: WsCloseTracker })[CLOSE_TRACKER];
}

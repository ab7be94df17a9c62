import type { IncomingMessage } from 'node:http';

/**
 * The HTTP paths of the socket.io servers created in this process, learnt
 * when each server attaches, for the HTTP instrumentation to leave out of
 * its spans and duration histogram.
 */
export class EngineRequestFilter {
  private readonly prefixes = new Set<string>();

  /** Adds the path of a server, such as `/socket.io`. */
  add(path: string): void {
    this.prefixes.add(`${path.replace(/\/+$/, '')}/`);
  }

  readonly matches = (request: IncomingMessage): boolean => {
    if (this.prefixes.size === 0) return false;

    const url = request.url ?? '';
    for (const prefix of this.prefixes) {
      if (url.startsWith(prefix)) return true;
    }
    return false;
  };
}

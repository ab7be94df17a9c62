import type { TrafficStats } from './traffic-stats.js';

/** A response: its status and its parsed JSON body, if it had one. */
export interface ApiResponse {
  status: number;
  body: unknown;
}

/** Sends JSON requests to the API and counts each in the stats. */
export interface ApiClient {
  get(action: string, path: string): Promise<ApiResponse>;
  post(action: string, path: string, body: unknown): Promise<ApiResponse>;
}

/** Time after which one request is given up and counted as failed. */
const REQUEST_TIMEOUT_MILLIS = 10_000;

/**
 * Creates a client whose requests are aborted by `signal` and counted under
 * their action name in `stats`. A request that gets no response rejects
 * and is counted as failed.
 */
export function createApiClient(
  baseUrl: string,
  stats: TrafficStats,
  signal: AbortSignal,
): ApiClient {
  const send = async (
    action: string,
    path: string,
    init: RequestInit,
  ): Promise<ApiResponse> => {
    try {
      const response = await fetch(new URL(path, baseUrl), {
        ...init,
        signal: AbortSignal.any([
          signal,
          AbortSignal.timeout(REQUEST_TIMEOUT_MILLIS),
        ]),
      });
      const body = await readJson(response);

      stats.recordResponse(action, response.status);
      return { status: response.status, body };
    } catch (error) {
      stats.recordFailure(action);
      throw error;
    }
  };

  return {
    get: (action, path) => send(action, path, { method: 'GET' }),
    post: (action, path, body) =>
      send(action, path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();

  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // The traffic reads only ids from JSON bodies, so other text is kept.
    return text;
  }
}

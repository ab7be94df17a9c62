/** One scrape of the SDK's Prometheus endpoint. */
export interface PrometheusScrape {
  url: string;
  /** The body in the Prometheus text format, when the scrape worked. */
  text?: string;
  /** Reason for the failure, when the scrape failed. */
  error?: string;
}

const SCRAPE_TIMEOUT_MILLIS = 5_000;

/** Fetches the endpoint once. Never rejects: a failure is in `error`. */
export async function scrapePrometheus(url: string): Promise<PrometheusScrape> {
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MILLIS),
    });
    const text = await response.text();

    if (!response.ok) {
      return { url, error: `HTTP ${response.status}: ${text.slice(0, 200)}` };
    }
    return { url, text };
  } catch (error) {
    return {
      url,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

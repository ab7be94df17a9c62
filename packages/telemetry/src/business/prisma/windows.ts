const DAY_MILLIS = 86_400_000;

/** The start of each time window that a gauge query filters on. */
export interface WindowStarts {
  /** 00:00 UTC of the current day. */
  readonly today: Date;
  readonly '24h': Date;
  readonly '7d': Date;
}

export function windowStarts(now: Date): WindowStarts {
  const millis = now.getTime();
  return {
    today: new Date(millis - (millis % DAY_MILLIS)),
    '24h': new Date(millis - DAY_MILLIS),
    '7d': new Date(millis - 7 * DAY_MILLIS),
  };
}

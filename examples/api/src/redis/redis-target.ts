/** Address and key prefix of the optional Redis cache. */
export interface RedisTarget {
  url: string;
  /** Prepended to every key, so that apps can share one Redis database. */
  keyPrefix: string;
}

/** The HTTP dependencies that `/health` checks, when their URLs are set. */
export interface HealthTargets {
  /** The auth provider's health URL, from `AUTH_HEALTH_URL`. */
  authUrl: string | undefined;
  /** The music API's health URL, from `SPOTIFY_HEALTH_URL`. */
  spotifyUrl: string | undefined;
}

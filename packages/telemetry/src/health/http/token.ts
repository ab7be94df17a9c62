import { createHash, timingSafeEqual } from 'node:crypto';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Checks an `Authorization: Bearer <token>` header against the expected
 * token. Both sides are hashed first, so the comparison takes the same time
 * whatever the lengths and contents, and the token never leaves memory.
 */
export function bearerTokenMatches(
  authorization: string | undefined,
  expected: string,
): boolean {
  const presented =
    authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
  const same = timingSafeEqual(digest(presented ?? ''), digest(expected));
  return presented !== undefined && same;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

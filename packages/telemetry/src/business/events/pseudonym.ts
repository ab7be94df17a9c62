import { createHmac } from 'node:crypto';
import type { UserId } from '../types.js';

/**
 * Returns the HMAC-SHA-256 of a user id under `key`, as 64 hexadecimal
 * digits. The same id and key always give the same pseudonym, so events of
 * one user can be joined downstream. Without the key, the id can be neither
 * recovered nor confirmed. Ids are hashed in their decimal or string form,
 * so `42` and `'42'` give the same pseudonym.
 */
export function pseudonymizeUserId(userId: UserId, key: string): string {
  return createHmac('sha256', key).update(String(userId)).digest('hex');
}

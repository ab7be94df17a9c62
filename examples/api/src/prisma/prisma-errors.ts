import { PrismaClientKnownRequestError } from '@prisma/client/runtime/client';

/** Prisma's code for a unique constraint violation. */
const UNIQUE_VIOLATION = 'P2002';

/** Prisma's code for an update or delete whose record does not exist. */
const RECORD_NOT_FOUND = 'P2025';

/**
 * Checks whether `error` is a unique constraint violation. Both generated
 * clients throw the error class of the one shared runtime, and both driver
 * adapters map their database's code to P2002.
 */
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof PrismaClientKnownRequestError &&
    error.code === UNIQUE_VIOLATION
  );
}

/** Checks whether `error` reports that the record to change does not exist. */
export function isRecordNotFound(error: unknown): boolean {
  return (
    error instanceof PrismaClientKnownRequestError &&
    error.code === RECORD_NOT_FOUND
  );
}

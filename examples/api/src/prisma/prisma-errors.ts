import { PrismaClientKnownRequestError } from '@prisma/client/runtime/client';

/** Prisma's code for a unique constraint violation. */
const UNIQUE_VIOLATION = 'P2002';

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

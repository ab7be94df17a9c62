/** Largest value of PostgreSQL's `integer`, the type of every id column. */
export const MAX_ID = 2_147_483_647;

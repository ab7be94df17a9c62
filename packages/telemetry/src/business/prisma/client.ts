/**
 * The part of a Prisma Client generated from seda's schema that the gauge
 * queries call. It is structural, so the clients generated for SQLite and
 * for PostgreSQL both fit, and this package needs no generated code. Method
 * syntax keeps parameter checks bivariant, which lets Prisma's generic
 * delegate methods match these plain signatures.
 */
export interface SedaPrismaClient {
  readonly user: CountDelegate;
  readonly room: CountDelegate;
  readonly message: CountDelegate & GroupByDelegate;
  readonly reaction: CountDelegate;
  readonly artistProfile: GroupByDelegate;
}

/** A Prisma `where` filter, in the shape of the schema's models. */
export type WhereInput = Readonly<Record<string, unknown>>;

export interface CountDelegate {
  count(args?: { where?: WhereInput }): PromiseLike<number>;
}

export interface GroupByDelegate {
  /**
   * Typed with a `never` argument because Prisma's generic `groupBy`
   * matches no plain signature; call it through `groupRows`.
   */
  groupBy(args: never): PromiseLike<unknown>;
}

/** The `groupBy` arguments that the gauge queries pass. */
export interface GroupByArgs {
  readonly by: string[];
  readonly where?: WhereInput;
  readonly _count: { readonly _all: true };
}

/** Calls `groupBy` on a Prisma delegate with the arguments the queries use. */
export function groupRows(
  delegate: GroupByDelegate,
  args: GroupByArgs,
): PromiseLike<unknown> {
  const groupBy = delegate.groupBy as (
    args: GroupByArgs,
  ) => PromiseLike<unknown>;
  return groupBy.call(delegate, args);
}

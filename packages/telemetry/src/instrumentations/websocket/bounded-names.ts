/**
 * Outbound event names kept as metric attribute values before the rest
 * share one fixed value. Outbound names come from the application's code,
 * but a name built from data (`room:${id}`) would grow without bound.
 * NOTE: the first names seen win, so which names are kept can differ
 * between processes when an application emits more than this many.
 */
const MAX_OUTBOUND_EVENT_NAMES = 200;

/** A set of names that stops growing at a limit and maps newcomers to a fallback. */
export class BoundedNames {
  private readonly names = new Set<string>();

  constructor(
    private readonly fallback: string,
    private readonly limit = MAX_OUTBOUND_EVENT_NAMES,
  ) {}

  bound(name: string): string {
    if (this.names.has(name)) return name;
    if (this.names.size >= this.limit) return this.fallback;

    this.names.add(name);
    return name;
  }
}

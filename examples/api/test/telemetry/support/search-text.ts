/**
 * Serialises any received telemetry to one string for substring searches:
 * bigints become decimal strings and byte arrays become UTF-8 text, so a
 * secret hidden in either is still found.
 */
export function searchableText(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'bigint') return item.toString();
    if (item instanceof Uint8Array) return Buffer.from(item).toString('utf8');
    return item;
  });
}

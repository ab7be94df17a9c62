/** A metric family of a Prometheus text exposition. */
export interface ExposedFamily {
  readonly name: string;
  /** `# TYPE`: counter, gauge, histogram, summary or untyped. */
  readonly type: string;
  /** `# UNIT`, when given. */
  readonly unit?: string;
}

/** What a scrape exposed: its families and the names of its samples. */
export interface Exposition {
  readonly families: ReadonlyMap<string, ExposedFamily>;
  /** Sample names as they appear on sample lines: `_bucket`, `_total`... */
  readonly sampleNames: ReadonlySet<string>;
}

const SAMPLE_NAME = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/;

/**
 * Parses the Prometheus text format (version 0.0.4) far enough to list
 * families and sample names; label values and sample values are skipped.
 */
export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const units = new Map<string, string>();
  const sampleNames = new Set<string>();

  for (const line of text.split('\n')) {
    const comment = /^# (TYPE|UNIT) (\S+) (.+)$/.exec(line);
    if (comment) {
      const [, kind, name = '', value = ''] = comment;
      (kind === 'TYPE' ? types : units).set(name, value.trim());
      continue;
    }
    const sample = SAMPLE_NAME.exec(line);
    if (sample?.[1]) sampleNames.add(sample[1]);
  }

  const families = new Map<string, ExposedFamily>();
  for (const [name, type] of types) {
    const unit = units.get(name);
    families.set(name, { name, type, ...(unit === undefined ? {} : { unit }) });
  }
  return { families, sampleNames };
}

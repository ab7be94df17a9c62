/**
 * Sums the samples of one metric in the Prometheus text format whose labels
 * include every given label, with `*` matching any value of a label that is
 * present.
 */
export function sumSamples(
  text: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const sample = parseSample(line);
    if (sample?.name !== name) continue;
    if (!matches(sample.labels, labels)) continue;
    sum += sample.value;
  }
  return sum;
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function parseSample(line: string): Sample | undefined {
  if (line.startsWith('#')) return undefined;
  const match = SAMPLE_LINE.exec(line);
  if (!match) return undefined;

  const labels: Record<string, string> = {};
  for (const label of (match[2] ?? '').matchAll(LABEL)) {
    labels[label[1] ?? ''] = label[2] ?? '';
  }
  return { name: match[1] ?? '', labels, value: Number(match[3]) };
}

function matches(
  actual: Readonly<Record<string, string>>,
  expected: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(expected).every(([key, value]) =>
    value === '*' ? key in actual : actual[key] === value,
  );
}

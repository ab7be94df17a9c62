/** The parts of a V8 `.cpuprofile` file that the summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }[];
  samples: number[];
}

const TOP_ROWS = 25;

/**
 * Attributes each sample to the function on top of the stack (self time)
 * and to its package, and returns the largest shares as text.
 */
export function summarizeProfile(profile: CpuProfile): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = byId.get(id);
    if (!frame) continue;
    const pkg = packageOf(frame.url);
    const fn = `${frame.functionName || '(anonymous)'} ${pkg} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + 1);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + 1);
  }
  const total = profile.samples.length;
  return [
    'self time by package:',
    ...top(byPackage, total),
    '',
    'self time by function:',
    ...top(byFunction, total),
  ].join('\n');
}

function top(counts: Map<string, number>, total: number): string[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_ROWS)
    .map(
      ([name, count]) =>
        `${((count / total) * 100).toFixed(1).padStart(5)} %  ${name}`,
    );
}

/** Returns the npm package of a script URL, `(node)` for Node.js's own code. */
function packageOf(url: string): string {
  if (url === '') return '(native or idle)';
  if (url.startsWith('node:')) return '(node)';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(
    url,
  );
  if (match?.[1]) return match[1];
  if (url.includes('/packages/telemetry/')) return '@seda/telemetry';
  if (url.includes('/examples/api/')) return '@seda/example-api';
  return url;
}

function shortUrl(url: string): string {
  return url.split('/').slice(-2).join('/');
}

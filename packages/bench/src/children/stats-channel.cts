import { readFileSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import { findCensus } from './census-state.cjs';

/** Modules loaded by a child when it sampled itself. */
export interface ModuleCensus {
  /** Files loaded through the module hooks, ES modules and CommonJS. */
  files: number;
  /** ES module files among `files`. */
  esmFiles: number;
  /** CommonJS files among `files`. */
  cjsFiles: number;
  /** Calls of the resolve hook. */
  resolveCalls: number;
  /** Entries of the CommonJS module cache. */
  requireCache: number;
  /** Built-in modules and bindings Node.js loaded (`process.moduleLoadList`). */
  builtins: number;
}

/** A child's own measurement of itself, sent to the parent on request. */
export interface ChildSample {
  type: 'sample';
  rssBytes: number;
  heapUsedBytes: number;
  /**
   * Heap in use plus memory outside the heap (buffers), after a full
   * garbage collection. Present when the sample asked for one and the child
   * runs with `--expose-gc`.
   */
  retainedBytes?: number;
  /** `process.cpuUsage()` since the child started, user plus system. */
  cpuMicros: number;
  /**
   * CPU time of the main thread alone since the child started, from Linux's
   * `/proc` scheduler statistics. The rest of `cpuMicros` is the other
   * threads: V8's garbage collection helpers and libuv's pool. Absent where
   * `/proc` has no such file.
   */
  mainThreadCpuMicros?: number;
  /** Present in the census pass only. */
  census?: ModuleCensus;
}

/** The first message of a child: where its app listens. */
export interface ListeningMessage {
  type: 'listening';
  url: string;
  wsUrl?: string;
  /** The Prometheus endpoint, when the child started telemetry itself. */
  prometheusUrl?: string;
}

/** Tells the parent where the app listens. */
export function reportListening(message: Omit<ListeningMessage, 'type'>): void {
  process.send?.({ type: 'listening', ...message });
}

/** A command of the parent to a child. */
type ParentCommand =
  | { type: 'sample'; gc?: boolean }
  | { type: 'heap-snapshot'; path: string }
  | { type: 'exit' };

/**
 * Answers the parent's commands: `sample` with a sample, `heap-snapshot` by
 * writing one, and `exit` with `process.exit(0)`, which lets `--cpu-prof`
 * write its profile. The child also ends when the parent's channel closes,
 * so that no child outlives a run.
 */
export function answerSamples(): void {
  process.once('disconnect', () => process.exit(0));
  process.on('message', (message: ParentCommand) => {
    if (message?.type === 'sample') process.send?.(takeSample(message.gc));
    if (message?.type === 'exit') process.exit(0);
    if (message?.type === 'heap-snapshot') {
      const path = writeHeapSnapshot(message.path);
      process.send?.({ type: 'heap-snapshot', path });
    }
  });
}

function takeSample(collect = false): ChildSample {
  const retainedBytes = collect ? measureRetained() : undefined;
  const cpu = process.cpuUsage();
  const mainThreadCpuMicros = readMainThreadCpuMicros();
  const census = takeCensus();
  return {
    ...(retainedBytes === undefined ? {} : { retainedBytes }),
    type: 'sample',
    rssBytes: process.memoryUsage.rss(),
    heapUsedBytes: process.memoryUsage().heapUsed,
    cpuMicros: cpu.user + cpu.system,
    ...(mainThreadCpuMicros === undefined ? {} : { mainThreadCpuMicros }),
    ...(census ? { census } : {}),
  };
}

/**
 * Reads the main thread's CPU time: the first field of its `schedstat` is
 * the time it ran, in nanoseconds. The main thread's id is the process id.
 */
function readMainThreadCpuMicros(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8');
    const nanos = Number(stat.split(' ')[0]);
    return Number.isFinite(nanos) ? nanos / 1000 : undefined;
  } catch {
    return undefined;
  }
}

function measureRetained(): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  // A second pass frees what the first one's finalizers released.
  gc();
  gc();
  const memory = process.memoryUsage();
  return memory.heapUsed + memory.external;
}

function takeCensus(): ModuleCensus | undefined {
  const state = findCensus();
  if (!state) return undefined;

  const formats = [...state.loaded.entries()]
    .filter(([url]) => url.startsWith('file:'))
    .map(([, format]) => format);
  const builtins = (process as unknown as { moduleLoadList?: string[] })
    .moduleLoadList;
  return {
    files: formats.length,
    esmFiles: formats.filter((format) => format === 'module').length,
    cjsFiles: formats.filter((format) => format === 'commonjs').length,
    resolveCalls: state.resolveCalls,
    requireCache: Object.keys(require.cache).length,
    builtins: builtins?.length ?? 0,
  };
}

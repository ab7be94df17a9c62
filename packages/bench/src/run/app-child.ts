import type {
  ChildSample,
  ListeningMessage,
} from '../children/stats-channel.cjs';
import { APP_DIR, telemetryEnv } from '../environment.js';
import {
  APP_SCRIPTS,
  CENSUS_PRELOAD,
  type ModuleSystem,
  type Variant,
} from '../variants.js';
import { IpcChild } from './ipc-child.js';

/** The HTTP route of every figure: a room's history, read through Prisma. */
export const ROUTE = '/rooms/1/messages?limit=20';

/** The discard port: no exporter of an uninstrumented app sends to it. */
const UNUSED_ENDPOINT = 'http://127.0.0.1:9';
const SAMPLE_TIMEOUT_MILLIS = 10_000;
const RETRY_DELAY_MILLIS = 5;

export interface AppChildOptions {
  readonly variant: Variant;
  readonly system: ModuleSystem;
  /** OTLP endpoint of every exporter. */
  readonly endpoint?: string;
  readonly databaseUrl: string;
  readonly startTimeoutMillis: number;
  /** Preloads the module census hook first. */
  readonly census?: boolean;
  /** Node.js options before the preloads, such as `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
  /** A program that runs Node.js, with its options, such as valgrind. */
  readonly wrapper?: readonly string[];
  /** Path whose first 200 response ends the start. Default `ROUTE`. */
  readonly readyPath?: string;
  readonly extraEnv?: Readonly<Record<string, string>>;
}

/** A started example API in a child process. */
export interface AppChild {
  readonly child: IpcChild;
  readonly listening: ListeningMessage;
  /** From spawning the child to the first 200 response of the ready path. */
  readonly startupMillis: number;
}

/** Spawns the app with the variant's preload and waits for a 200 response. */
export async function startAppChild(
  options: AppChildOptions,
): Promise<AppChild> {
  const spawnedAt = performance.now();
  const child = new IpcChild({
    wrapper: options.wrapper,
    nodeArgs: [
      ...(options.nodeArgs ?? []),
      ...(options.census ? CENSUS_PRELOAD : []),
      ...options.variant.preload[options.system],
    ],
    script: APP_SCRIPTS[options.system],
    env: {
      ...telemetryEnv(options.variant.id, options.endpoint ?? UNUSED_ENDPOINT),
      BENCH_DATABASE_URL: options.databaseUrl,
      ...options.variant.env,
      ...options.extraEnv,
    },
    cwd: APP_DIR,
  });
  try {
    const deadline = spawnedAt + options.startTimeoutMillis;
    const listening = await child.next<ListeningMessage>(
      'listening',
      options.startTimeoutMillis,
    );
    const readyPath = options.readyPath ?? ROUTE;
    await waitForSuccess(`${listening.url}${readyPath}`, deadline);
    return { child, listening, startupMillis: performance.now() - spawnedAt };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/**
 * Asks the child for its memory, CPU time and module census; with `gc`, a
 * child started with `--expose-gc` also measures what a full collection
 * leaves.
 */
export function sampleChild(
  child: IpcChild,
  options: { gc?: boolean } = {},
): Promise<ChildSample> {
  return child.request<ChildSample>(
    { type: 'sample', gc: options.gc ?? false },
    'sample',
    SAMPLE_TIMEOUT_MILLIS,
  );
}

async function waitForSuccess(url: string, deadline: number): Promise<void> {
  let lastFailure = 'no response';
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) return;
      lastFailure = `status ${response.status}`;
    } catch (error) {
      lastFailure = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MILLIS));
  }
  throw new Error(`${url} did not respond with 200 in time: ${lastFailure}`);
}

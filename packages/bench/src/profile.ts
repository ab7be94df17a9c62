// `node dist/profile.js [--variant ID] [--system esm|cjs] [--seconds N]
// [--dir PATH] [--heap] [--ws] [--env KEY=VALUE]...`: runs one variant of
// the example API with `--cpu-prof` under N seconds of the benchmark's HTTP
// load (0 profiles the start alone), then prints where its CPU time went, by
// package and by function. `--ws` replaces the HTTP load with the socket.io
// round trips of the WebSocket figure. `--heap` also writes a heap snapshot
// after the load.
// `--env` adds a variable to the app's environment, as in `main.js`.
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runHttpLoad } from './load/http-load.js';
import { runWsLoad } from './load/ws-load.js';
import { ROUTE, startAppChild } from './run/app-child.js';
import { CollectorChild } from './run/collector-child.js';
import { copyDatabase, createTemplateDatabase } from './run/database.js';
import { exitOnUsageError, parseEnv } from './cli-options.js';
import { summarizeProfile } from './report/cpu-profile.js';
import { type ModuleSystem, VARIANTS, type VariantId, variantById } from './variants.js';

/** The socket.io clients of `--ws`, as many as in the timed rounds. */
const WS_CLIENTS = 20;

const OPTIONS = {
  variant: { type: 'string', default: 'seda' },
  system: { type: 'string', default: 'esm' },
  seconds: { type: 'string', default: '10' },
  dir: { type: 'string' },
  heap: { type: 'boolean', default: false },
  ws: { type: 'boolean', default: false },
  env: { type: 'string', multiple: true, default: [] as string[] },
} as const;

const values = readOptions();
const variant = variantById(values.variant as VariantId);
const system = values.system as ModuleSystem;
const seconds = Number(values.seconds);
const extraEnv = exitOnUsageError('profile', () => parseEnv(values.env));
const dir =
  values.dir ?? (await mkdtemp(join(tmpdir(), 'seda-bench-profile-')));
await mkdir(dir, { recursive: true });
// The databases of this run stay apart from earlier runs in the same `--dir`.
const databaseDir = await mkdtemp(join(dir, 'databases-'));

const collector = await CollectorChild.start();
// As in the timed rounds, the collector responds without decoding.
await collector.setMode('discard');
const template = await createTemplateDatabase(databaseDir, WS_CLIENTS, 30_000);
const app = await startAppChild({
  variant,
  system,
  endpoint: collector.url,
  databaseUrl: await copyDatabase(template, join(databaseDir, 'profile.db')),
  startTimeoutMillis: 30_000,
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  extraEnv,
});
const load = seconds > 0 ? await runLoad(app.listening.url) : undefined;
if (values.heap) {
  await app.child.request(
    { type: 'heap-snapshot', path: join(dir, `${variant.id}.heapsnapshot`) },
    'heap-snapshot',
    120_000,
  );
}
app.child.send({ type: 'exit' });
await app.child.exited;
await collector.close();

// Node.js names a profile CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile,
// and the main thread is thread 0.
const ownPrefix = `.${app.child.pid}.0.`;
const profile = (await readdir(dir)).find(
  (name) => name.includes(ownPrefix) && name.endsWith('.cpuprofile'),
);
if (!profile) throw new Error(`no CPU profile of process ${app.child.pid} in ${dir}`);
const summary = summarizeProfile(
  JSON.parse(await readFile(join(dir, profile), 'utf8')),
);
process.stdout.write(
  `${variant.label} (${system}): started in ${Math.round(app.startupMillis)} ms` +
    (load ? `, ${Math.round(load.perSecond)} ${load.unit}/s` : '') +
    `, profile ${join(dir, profile)}\n\n${summary}\n`,
);
await rm(databaseDir, { recursive: true, force: true });

/** Runs the chosen load, with the rate it reached. */
async function runLoad(
  baseUrl: string,
): Promise<{ perSecond: number; unit: string }> {
  if (values.ws) {
    const ws = await runWsLoad(baseUrl, { clients: WS_CLIENTS, seconds });
    return { perSecond: ws.messagesPerSecond, unit: 'msg' };
  }
  const http = await runHttpLoad(`${baseUrl}${ROUTE}`, {
    connections: 50,
    seconds,
  });
  return { perSecond: http.requestsPerSecond, unit: 'req' };
}

/** Parses and checks the command line, or ends the process with a usage message. */
function readOptions() {
  const usage =
    'The options are --variant, --system esm|cjs, --seconds, --dir, --heap, --ws and --env KEY=VALUE.';
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];
  try {
    parsed = parseArgs({ options: OPTIONS }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return exitWithUsage(`${message.replace(/\.$/, '')}. ${usage}`);
  }
  const ids = VARIANTS.map((known) => known.id);
  if (!(ids as string[]).includes(parsed.variant)) {
    return exitWithUsage(`Invalid --variant "${parsed.variant}": use ${ids.join(', ')}.`);
  }
  if (parsed.system !== 'esm' && parsed.system !== 'cjs') {
    return exitWithUsage(`Invalid --system "${parsed.system}": use esm or cjs.`);
  }
  const seconds = Number(parsed.seconds);
  if (parsed.seconds.trim() === '' || !Number.isInteger(seconds) || seconds < 0) {
    return exitWithUsage(
      `Invalid --seconds "${parsed.seconds}": use a whole number, 0 to profile the start alone.`,
    );
  }
  return parsed;
}

function exitWithUsage(message: string): never {
  process.stderr.write(`profile: ${message}\n`);
  process.exit(2);
}

import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { SOAK_MODES, runSoak } from '../export-path/soak.js';
import { measureSpanThroughput } from '../export-path/span-throughput.js';
import type { BenchReport, MachineInfo } from '../report/bench-report.js';
import type { BenchSettings } from '../settings.js';
import { variantById } from '../variants.js';
import { takeCensus } from './census.js';
import { CollectorChild } from './collector-child.js';
import { createTemplateDatabase } from './database.js';
import { measureCjsStart, measureLoad, type RunContext } from './load-round.js';
import type {
  CensusMeasurement,
  LoadMeasurement,
  StartMeasurement,
} from './measurements.js';

/** Writes one line of progress; the report itself goes elsewhere. */
export type Progress = (line: string) => void;

/** The parts of a run, all by default. */
export type BenchPart = 'census' | 'rounds' | 'spans' | 'soak';

export const BENCH_PARTS: readonly BenchPart[] = [
  'census',
  'rounds',
  'spans',
  'soak',
];

/**
 * Runs every part of the benchmark in order: the census pass, the
 * interleaved rounds, the span throughput steps and the soaks. Throws when
 * the run passes the settings' deadline.
 */
export async function runBench(
  settings: BenchSettings,
  progress: Progress,
  parts: readonly BenchPart[] = BENCH_PARTS,
): Promise<BenchReport> {
  const startedAt = new Date();
  const deadline = Date.now() + settings.deadlineMillis;
  const checkDeadline = (step: string) => {
    if (Date.now() > deadline) {
      throw new Error(
        `the run passed its ${settings.deadlineMillis} ms deadline before ${step}`,
      );
    }
  };
  const workDir = await mkdtemp(join(tmpdir(), 'seda-bench-'));
  const collector = await CollectorChild.start();
  try {
    progress('seeding the template database');
    const templateDatabase = await createTemplateDatabase(
      workDir,
      settings.wsClients,
      settings.startTimeoutMillis,
    );
    const context: RunContext = {
      settings,
      endpoint: collector.url,
      collector,
      templateDatabase,
      workDir,
    };
    const census = parts.includes('census')
      ? await runCensus(context, collector, progress, checkDeadline)
      : [];
    const { load, cjsStarts } = parts.includes('rounds')
      ? await runRounds(context, collector, progress, checkDeadline)
      : { load: [], cjsStarts: [] };

    checkDeadline('the span throughput');
    const spanThroughput = parts.includes('spans')
      ? (progress('span throughput'),
        await measureSpanThroughput(settings, collector))
      : [];
    const soaks = [];
    for (const mode of parts.includes('soak') ? SOAK_MODES : []) {
      checkDeadline(`the ${mode} soak`);
      progress(`soak with the collector: ${mode}`);
      soaks.push(await runSoak(context, collector, mode));
    }
    return {
      settings,
      machine: describeMachine(),
      startedAt: startedAt.toISOString(),
      durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
      census,
      load,
      cjsStarts,
      spanThroughput,
      soaks,
    };
  } finally {
    await collector.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

async function runCensus(
  context: RunContext,
  collector: CollectorChild,
  progress: Progress,
  checkDeadline: (step: string) => void,
): Promise<CensusMeasurement[]> {
  const census: CensusMeasurement[] = [];
  const variants = context.settings.variants.map(variantById);
  for (const system of ['esm', 'cjs'] as const) {
    for (const variant of variants) {
      checkDeadline(`the census of ${variant.id}`);
      progress(`census: ${variant.id} (${system})`);
      census.push(await takeCensus(context, collector, variant, system));
    }
  }
  return census;
}

/**
 * Runs the timed rounds with the collector in `discard` mode, which returns
 * success without decoding. A collector on another machine takes no CPU
 * time from the app, but here decoding would compete with the instrumented
 * variants for the same cores. The census pass decodes what they export.
 */
async function runRounds(
  context: RunContext,
  collector: CollectorChild,
  progress: Progress,
  checkDeadline: (step: string) => void,
): Promise<{ load: LoadMeasurement[]; cjsStarts: StartMeasurement[] }> {
  await collector.setMode('discard');
  try {
    return await measureRounds(context, progress, checkDeadline);
  } finally {
    await collector.setMode('accept');
  }
}

async function measureRounds(
  context: RunContext,
  progress: Progress,
  checkDeadline: (step: string) => void,
): Promise<{ load: LoadMeasurement[]; cjsStarts: StartMeasurement[] }> {
  const load: LoadMeasurement[] = [];
  const cjsStarts: StartMeasurement[] = [];
  const variants = context.settings.variants.map(variantById);
  for (let round = 1; round <= context.settings.rounds; round += 1) {
    for (const variant of variants) {
      checkDeadline(`round ${round} of ${variant.id}`);
      progress(`round ${round}: ${variant.id}`);
      load.push(await measureLoad(context, variant, round));
    }
    for (const variant of variants) {
      progress(`round ${round}: ${variant.id} (CommonJS start)`);
      cjsStarts.push(await measureCjsStart(context, variant, round));
    }
  }
  return { load, cjsStarts };
}

function describeMachine(): MachineInfo {
  const processors = cpus();
  return {
    node: process.versions.node,
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    os: `${platform()} ${release()}`,
    loadAverage: loadavg()[0] ?? 0,
  };
}

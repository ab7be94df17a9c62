import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The telemetry set-ups compared, in the order of every round. */
export type VariantId =
  | 'none'
  | 'seda'
  | 'otel-auto'
  | 'otel-auto-prisma'
  | 'sdk-node'
  | 'otel-http-floor'
  | 'seda-no-spans'
  | 'seda-http-only'
  | 'seda-disabled';

/** The module system of the app's entry: ES modules (NestJS 12) or CommonJS. */
export type ModuleSystem = 'esm' | 'cjs';

export interface Variant {
  readonly id: VariantId;
  readonly label: string;
  /** Node.js options that preload the telemetry, per module system. */
  readonly preload: Readonly<Record<ModuleSystem, readonly string[]>>;
  /** Environment variables of the variant, which those of `--env` override. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * A variant that explains a cost instead of being compared:
   * `@seda/telemetry` with a part switched off, or the floor of the standard
   * packages. A full run leaves these out, so only `--variants` runs them.
   */
  readonly breakdown?: true;
}

const require = createRequire(import.meta.url);
const child = (file: string) =>
  fileURLToPath(new URL(`./children/${file}`, import.meta.url));

/** The child scripts of the app, one per module system. */
export const APP_SCRIPTS: Readonly<Record<ModuleSystem, string>> = {
  esm: child('esm-app.js'),
  cjs: child('cjs-app.cjs'),
};

/** Preloaded first in the census pass, before the variant's own preload. */
export const CENSUS_PRELOAD = ['--require', child('module-census.cjs')];

export const SPAN_BURST_SCRIPT = child('span-burst.js');
export const COLLECTOR_SCRIPT = child('collector.js');

const sedaRegister = require.resolve('@seda/telemetry/register');
const sedaPreload: Variant['preload'] = {
  esm: ['--import', import.meta.resolve('@seda/telemetry/register')],
  cjs: ['--require', sedaRegister],
};
const autoRegister =
  require.resolve('@opentelemetry/auto-instrumentations-node/register');
const minimalSdkNode = child('minimal-sdk-node.cjs');
const autoWithPrisma = child('otel-auto-prisma.cjs');
const otelEsmHook = child('otel-esm-hook.js');
const httpFloor = child('http-floor.cjs');

export const VARIANTS: readonly Variant[] = [
  { id: 'none', label: 'no telemetry', preload: { esm: [], cjs: [] } },
  { id: 'seda', label: '@seda/telemetry', preload: sedaPreload },
  {
    id: 'otel-auto',
    label: 'auto-instrumentations-node',
    preload: {
      esm: [
        '--import',
        otelEsmHook,
        '--import',
        import.meta
          .resolve('@opentelemetry/auto-instrumentations-node/register'),
      ],
      cjs: ['--require', autoRegister],
    },
  },
  {
    id: 'otel-auto-prisma',
    label: 'auto-instrumentations-node + Prisma',
    preload: {
      esm: ['--import', otelEsmHook, '--import', autoWithPrisma],
      cjs: ['--require', autoWithPrisma],
    },
  },
  {
    id: 'sdk-node',
    label: 'minimal sdk-node',
    preload: {
      esm: ['--import', child('minimal-sdk-node.cjs')],
      cjs: ['--require', minimalSdkNode],
    },
  },
  {
    id: 'otel-http-floor',
    label: 'standard packages, HTTP only',
    preload: { esm: ['--import', httpFloor], cjs: ['--require', httpFloor] },
    breakdown: true,
  },
  {
    id: 'seda-no-spans',
    label: '@seda/telemetry, no span sampled',
    preload: sedaPreload,
    env: { OTEL_TRACES_SAMPLER: 'always_off' },
    breakdown: true,
  },
  {
    id: 'seda-http-only',
    label: '@seda/telemetry, HTTP instrumentation only',
    preload: sedaPreload,
    env: { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http' },
    breakdown: true,
  },
  {
    id: 'seda-disabled',
    label: '@seda/telemetry, OTEL_SDK_DISABLED',
    preload: sedaPreload,
    env: { OTEL_SDK_DISABLED: 'true' },
    breakdown: true,
  },
];

export function variantById(id: VariantId): Variant {
  const found = VARIANTS.find((variant) => variant.id === id);
  if (!found) throw new Error(`unknown variant "${id}"`);
  return found;
}

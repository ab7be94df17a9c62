import type { DiagLogger } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { ResolvedConfig } from '../config/resolved.js';
import {
  createPinoInstrumentation,
  createWinstonInstrumentation,
} from '../logs/instrumentations.js';
import { createExpressInstrumentation } from './express.js';
import { createHttpInstrumentation, type RequestFilter } from './http.js';
import { createIoredisInstrumentation } from './ioredis.js';
import { createNestInstrumentation, type NestRouteTracing } from './nestjs.js';
import { findPackageChain } from './package-dir.js';
import { createPrismaInstrumentation } from './prisma.js';
import { createWithRequireFilter } from './require-filter/install.js';
import type { UrlRedactor } from './redaction.js';
import { createUndiciInstrumentation } from './undici.js';
import { EngineRequestFilter } from './websocket/engine-requests.js';
import { NestWebSocketInstrumentation } from './websocket/nestjs/instrumentation.js';
import { SocketIoInstrumentation } from './websocket/socketio/instrumentation.js';
import { WsInstrumentation } from './websocket/ws/instrumentation.js';

export type InstrumentationName =
  | 'http'
  | 'undici'
  | 'express'
  | 'nestjs'
  | 'prisma'
  | 'ioredis'
  | 'socketio'
  | 'ws'
  | 'nestjs-websockets'
  | 'winston'
  | 'pino';

/** The parts of the SDK that instrumentations are built from. */
export interface InstrumentationContext {
  readonly config: ResolvedConfig;
  readonly redactor: UrlRedactor;
  readonly isScrapeRequest: RequestFilter;
}

/** The context of one start, with the state its instrumentations share. */
interface SharedContext extends InstrumentationContext {
  /** socket.io's HTTP paths, which the HTTP instrumentation leaves out. */
  readonly engineRequests: EngineRequestFilter;
  /** The Nest route switch, which the NestJS instrumentation sets and the express one reads. */
  readonly nestRoutes: NestRouteTracing;
  /** Folders that the application's packages are found from. */
  readonly appDirs: readonly string[];
}

interface InstrumentationSpec {
  readonly name: InstrumentationName;
  /** Packages the instrumentation patches, for the import hook and the load check. */
  readonly packages: readonly string[];
  /**
   * Chains of packages that show the target is installed, each package
   * looked up from the folder of the one before. A chain finds a dependency
   * of a dependency, such as Express under `@nestjs/platform-express` with
   * pnpm. Empty for Node.js built-ins.
   */
  readonly probes: readonly (readonly string[])[];
  create(context: SharedContext): Instrumentation;
}

const SPECS: readonly InstrumentationSpec[] = [
  {
    name: 'http',
    packages: ['http', 'https'],
    probes: [],
    create: ({ config, redactor, isScrapeRequest, engineRequests }) =>
      createHttpInstrumentation(
        config.instrumentations.http || never('http is disabled'),
        redactor,
        (request) =>
          isScrapeRequest(request) || engineRequests.matches(request),
      ),
  },
  {
    name: 'undici',
    packages: [],
    probes: [],
    create: ({ config }) =>
      createUndiciInstrumentation(
        config.instrumentations.http || never('http is disabled'),
      ),
  },
  {
    name: 'express',
    packages: ['express'],
    probes: [['express'], ['@nestjs/platform-express', 'express']],
    create: ({ nestRoutes }) => createExpressInstrumentation(nestRoutes),
  },
  {
    name: 'nestjs',
    packages: ['@nestjs/core'],
    probes: [['@nestjs/core']],
    create: ({ nestRoutes, appDirs }) => createNestInstrumentation(nestRoutes, appDirs),
  },
  {
    name: 'ioredis',
    packages: ['ioredis'],
    probes: [['ioredis']],
    create: createIoredisInstrumentation,
  },
  {
    name: 'prisma',
    packages: [],
    probes: [['@prisma/client']],
    create: ({ config }) =>
      createPrismaInstrumentation(
        config.instrumentations.prisma || never('prisma is disabled'),
      ),
  },
  {
    name: 'socketio',
    packages: ['socket.io'],
    probes: [['socket.io'], ['@nestjs/platform-socket.io', 'socket.io']],
    create: ({ config, engineRequests }) =>
      new SocketIoInstrumentation(
        config.instrumentations.socketio || never('socketio is disabled'),
        engineRequests,
      ),
  },
  {
    name: 'ws',
    packages: ['ws'],
    probes: [['ws'], ['@nestjs/platform-ws', 'ws']],
    create: ({ config }) =>
      new WsInstrumentation(
        config.instrumentations.ws || never('ws is disabled'),
      ),
  },
  {
    name: 'nestjs-websockets',
    packages: ['@nestjs/websockets', '@nestjs/platform-ws'],
    probes: [['@nestjs/websockets']],
    create: () => new NestWebSocketInstrumentation(),
  },
  {
    name: 'winston',
    packages: ['winston'],
    probes: [['winston']],
    create: createWinstonInstrumentation,
  },
  {
    name: 'pino',
    packages: ['pino'],
    probes: [['pino']],
    create: createPinoInstrumentation,
  },
];

type SwitchName = keyof ResolvedConfig['instrumentations'];

/** Instrumentations switched by another's option. */
const SWITCHED_BY: Partial<Record<InstrumentationName, SwitchName>> = {
  // `fetch()` is an HTTP client too.
  undici: 'http',
  'nestjs-websockets': 'nestjs',
};

/** An instrumentation the SDK created, with the packages it patches. */
export interface ActiveInstrumentation {
  readonly name: InstrumentationName;
  readonly packages: readonly string[];
  readonly instrumentation: Instrumentation;
}

/**
 * Creates the instrumentations that are switched on and whose targets are
 * installed, logging each decision at debug level.
 */
export function createInstrumentations(
  context: InstrumentationContext,
  appDirs: readonly string[],
  log: DiagLogger,
): ActiveInstrumentation[] {
  const shared: SharedContext = {
    ...context,
    engineRequests: new EngineRequestFilter(),
    nestRoutes: { traced: false },
    appDirs,
  };
  const selected = SPECS.filter((spec) => {
    if (!isSwitchedOn(spec.name, context.config)) {
      log.debug(`instrumentation ${spec.name}: switched off by option`);
      return false;
    }
    if (!isInstalled(spec, appDirs)) {
      log.debug(`instrumentation ${spec.name}: target not installed, not loaded`);
      return false;
    }
    return true;
  });
  return selected.map((spec) => createOne(spec, shared, log));
}

function createOne(
  spec: InstrumentationSpec,
  context: SharedContext,
  log: DiagLogger,
): ActiveInstrumentation {
  log.debug(`instrumentation ${spec.name}: loaded`);
  const instrumentation = createWithRequireFilter(() => spec.create(context), log);
  return { name: spec.name, packages: spec.packages, instrumentation };
}

function isSwitchedOn(name: InstrumentationName, config: ResolvedConfig): boolean {
  const key = SWITCHED_BY[name] ?? (name as SwitchName);
  return config.instrumentations[key] !== false;
}

function isInstalled(spec: InstrumentationSpec, appDirs: readonly string[]): boolean {
  if (spec.probes.length === 0) return true;
  return spec.probes.some((chain) =>
    appDirs.some((dir) => findPackageChain(chain, dir) !== undefined),
  );
}

function never(message: string): never {
  throw new Error(message);
}

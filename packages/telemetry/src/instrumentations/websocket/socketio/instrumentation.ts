import type { Tracer } from '@opentelemetry/api';
import {
  InstrumentationBase,
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
} from '@opentelemetry/instrumentation';
import type { ResolvedSocketIo } from '../../../config/resolved.js';
import { SDK_VERSION } from '../../../version.js';
import { BoundedNames } from '../bounded-names.js';
import type { EngineRequestFilter } from '../engine-requests.js';
import { type WebSocketTelemetry, WebSocketMetrics } from '../metrics.js';
import {
  type ClassPatch,
  classFile,
  type PatchContext,
  patchExportedClass,
} from '../module-files.js';
import {
  createPatcher,
  exportedClass,
  type MethodPatcher,
} from '../patching.js';
import {
  patchNamespace,
  patchSocketClose,
  unpatchNamespace,
  unpatchSocketClose,
} from './connections.js';
import {
  patchClientInbound,
  patchEmitter,
  patchSocketInbound,
  unpatchClientInbound,
  unpatchEmitter,
  unpatchSocketInbound,
} from './inbound.js';
import {
  patchParentNamespace,
  patchServer,
  unpatchParentNamespace,
  unpatchServer,
} from './namespaces.js';
import {
  type OutboundDeps,
  patchBroadcastOperator,
  patchClientOutbound,
  patchSocketOutbound,
  unpatchBroadcastOperator,
  unpatchClientOutbound,
  unpatchSocketOutbound,
} from './outbound.js';

/**
 * The versions these patches were written against and tested with (4.8.3
 * and 4.8.4). They depend on internal methods of socket.io 4, a method
 * that is missing being reported by a warning and left out:
 * - `dist/socket.js`: `Socket.prototype.onevent`, `ack`, `run`, `join`,
 *   `emit` and `_onclose`;
 * - `dist/namespace.js`: `Namespace.prototype._add`, `run`, `_doConnect`;
 * - `dist/parent-namespace.js`: `ParentNamespace.prototype.createChild`;
 * - `dist/client.js`: `Client.prototype.ondata`, `ondecoded`,
 *   `writeToEngine`;
 * - `dist/broadcast-operator.js`: `BroadcastOperator.prototype.emit`;
 * - `dist/typed-events.js`: `StrictEventEmitter.prototype.emitUntyped`;
 * - `dist/index.js`: `Server.prototype.of` and `attach`.
 */
export const SOCKET_IO_SUPPORTED_VERSIONS = ['>=4.8.0 <5'];

interface SocketIoConfig extends InstrumentationConfig {
  settings: ResolvedSocketIo;
  engineRequests: EngineRequestFilter;
}

/**
 * socket.io server instrumentation, in place of
 * `@opentelemetry/instrumentation-socket.io` (0.71). That one wraps only
 * `Socket.prototype.on` and `emit`, but NestJS binds gateway handlers
 * through rxjs `fromEvent`, which calls `addListener`, so Nest handlers get
 * no span from it. Its spans are named `receive <namespace>` with obsolete
 * messaging attributes, and it records no metrics and takes no context
 * from the handshake. These patches sit where every event passes, however
 * its listeners were added.
 */
export class SocketIoInstrumentation
  extends InstrumentationBase<SocketIoConfig>
  implements WebSocketTelemetry
{
  private metricsCache: WebSocketMetrics | undefined;
  private patcherCache: MethodPatcher | undefined;
  private eventNamesCache: BoundedNames | undefined;

  constructor(settings: ResolvedSocketIo, engineRequests: EngineRequestFilter) {
    super('@seda/telemetry/instrumentation-socket.io', SDK_VERSION, {
      settings,
      engineRequests,
    });
  }

  override get tracer(): Tracer {
    return super.tracer;
  }

  get metrics(): WebSocketMetrics {
    this.metricsCache ??= new WebSocketMetrics(this.meter);
    return this.metricsCache;
  }

  protected override _updateMetricInstruments(): void {
    this.metricsCache = undefined;
  }

  protected init(): InstrumentationNodeModuleDefinition {
    const context: PatchContext = {
      versions: SOCKET_IO_SUPPORTED_VERSIONS,
      patcher: () => this.patcher(),
      log: this._diag,
    };
    const server = this.serverPatch();
    return new InstrumentationNodeModuleDefinition(
      'socket.io',
      SOCKET_IO_SUPPORTED_VERSIONS,
      (exports) => patchExportedClass(exports, server, context),
      (exports) => {
        const target = exportedClass(exports, server.className);
        if (target) server.unpatch(target, this.patcher());
      },
      this.filePatches().map((spec) => classFile(spec, context)),
    );
  }

  /** `dist/index.js`, the package's main file, exports `Server`. */
  private serverPatch(): ClassPatch {
    return {
      file: 'socket.io/dist/index.js',
      className: 'Server',
      patch: (server, patcher) => {
        const { settings, engineRequests } = this.getConfig();
        const paths = settings.ignoreEngineRequests
          ? engineRequests
          : undefined;
        patchServer(server, patcher, paths);
      },
      unpatch: unpatchServer,
    };
  }

  private filePatches(): ClassPatch[] {
    const connections = {
      telemetry: this,
      unknownEventName: () => this.getConfig().settings.unknownEventName,
    };
    return [
      {
        file: 'socket.io/dist/socket.js',
        className: 'Socket',
        patch: (socket, patcher) => {
          patchSocketInbound(socket, patcher);
          patchSocketOutbound(socket, patcher, this.outboundDeps());
          patchSocketClose(socket, patcher);
        },
        unpatch: (socket, patcher) => {
          unpatchSocketInbound(socket, patcher);
          unpatchSocketOutbound(socket, patcher);
          unpatchSocketClose(socket, patcher);
        },
      },
      {
        file: 'socket.io/dist/namespace.js',
        className: 'Namespace',
        patch: (nsp, patcher) => patchNamespace(nsp, patcher, connections),
        unpatch: unpatchNamespace,
      },
      {
        file: 'socket.io/dist/parent-namespace.js',
        className: 'ParentNamespace',
        patch: patchParentNamespace,
        unpatch: unpatchParentNamespace,
      },
      {
        file: 'socket.io/dist/client.js',
        className: 'Client',
        patch: (client, patcher) => {
          patchClientInbound(client, patcher);
          patchClientOutbound(client, patcher);
        },
        unpatch: (client, patcher) => {
          unpatchClientInbound(client, patcher);
          unpatchClientOutbound(client, patcher);
        },
      },
      {
        file: 'socket.io/dist/broadcast-operator.js',
        className: 'BroadcastOperator',
        patch: (operator, patcher) =>
          patchBroadcastOperator(operator, patcher, this.outboundDeps()),
        unpatch: unpatchBroadcastOperator,
      },
      {
        file: 'socket.io/dist/typed-events.js',
        className: 'StrictEventEmitter',
        patch: patchEmitter,
        unpatch: unpatchEmitter,
      },
    ];
  }

  private outboundDeps(): OutboundDeps {
    const fallback = this.getConfig().settings.unknownEventName;
    this.eventNamesCache ??= new BoundedNames(fallback);
    return { telemetry: this, eventNames: this.eventNamesCache };
  }

  private patcher(): MethodPatcher {
    this.patcherCache ??= createPatcher(
      this._wrap,
      this._unwrap,
      this._diag,
      'socket.io',
    );
    return this.patcherCache;
  }
}

import type { Tracer } from '@opentelemetry/api';
import {
  InstrumentationBase,
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
} from '@opentelemetry/instrumentation';
import type { ResolvedWs } from '../../../config/resolved.js';
import { SDK_VERSION } from '../../../version.js';
import { type WebSocketTelemetry, WebSocketMetrics } from '../metrics.js';
import { type ClassPatch, classFile } from '../module-files.js';
import { createPatcher, type MethodPatcher } from '../patching.js';
import { patchServer, unpatchServer } from './connections.js';
import { patchWebSocket, unpatchWebSocket } from './messages.js';

/**
 * The versions these patches were written against and tested with (8.22.0
 * and 8.23.1). They depend on `WebSocketServer.prototype.handleUpgrade`
 * and `close` (`lib/websocket-server.js`), on `WebSocket.prototype.send`,
 * `ping`, `close`, `terminate` and the events it emits
 * (`lib/websocket.js`), and on its internal `_closeFrameReceived` flag.
 */
export const WS_SUPPORTED_VERSIONS = ['>=8.0.0 <9'];

interface WsConfig extends InstrumentationConfig {
  settings: ResolvedWs;
}

/**
 * `ws` server instrumentation, since no maintained OpenTelemetry
 * instrumentation of `ws` exists. Both files are CommonJS modules that
 * export their class as the module itself. `ws`'s ES module wrapper imports
 * them, and `import-in-the-middle` then passes the class as the `default`
 * export, so they are patched under either module system.
 */
export class WsInstrumentation
  extends InstrumentationBase<WsConfig>
  implements WebSocketTelemetry
{
  private metricsCache: WebSocketMetrics | undefined;
  private patcherCache: MethodPatcher | undefined;

  constructor(settings: ResolvedWs) {
    super('@seda/telemetry/instrumentation-ws', SDK_VERSION, { settings });
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
    const context = {
      versions: WS_SUPPORTED_VERSIONS,
      patcher: () => this.patcher(),
      log: this._diag,
    };
    const deps = {
      telemetry: this,
      unknownEventName: () => this.getConfig().settings.unknownEventName,
    };
    const files: ClassPatch[] = [
      {
        file: 'ws/lib/websocket-server.js',
        patch: (server, patcher) => patchServer(server, patcher, deps),
        unpatch: unpatchServer,
      },
      {
        file: 'ws/lib/websocket.js',
        patch: patchWebSocket,
        unpatch: unpatchWebSocket,
      },
    ];
    return new InstrumentationNodeModuleDefinition(
      'ws',
      WS_SUPPORTED_VERSIONS,
      undefined,
      undefined,
      files.map((spec) => classFile(spec, context)),
    );
  }

  private patcher(): MethodPatcher {
    this.patcherCache ??= createPatcher(
      this._wrap,
      this._unwrap,
      this._diag,
      'ws',
    );
    return this.patcherCache;
  }
}

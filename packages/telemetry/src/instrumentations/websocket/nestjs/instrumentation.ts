import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
} from '@opentelemetry/instrumentation';
import { SDK_VERSION } from '../../../version.js';
import { activeInboundMessage } from '../inbound-message.js';
import {
  type ClassPatch,
  classFile,
  type PatchContext,
} from '../module-files.js';
import {
  type AnyFunction,
  createPatcher,
  type MethodPatcher,
} from '../patching.js';
import { traceContextCreator } from './gateway-handler.js';
import { patchWsAdapter, unpatchWsAdapter } from './ws-adapter.js';

/**
 * The versions tested (`@nestjs/websockets` and `@nestjs/platform-ws`
 * 12.1.1). The patches depend on `WsContextCreator.prototype.create`
 * (`context/ws-context-creator.js`), `WsExceptionsHandler.prototype.handle`
 * (`exceptions/ws-exceptions-handler.js`) and, for the `ws` adapter,
 * `WsAdapter.prototype.bindMessageHandlers` (`adapters/ws-adapter.js`).
 */
export const NEST_WEBSOCKETS_SUPPORTED_VERSIONS = ['>=12.0.0 <13'];

/**
 * NestJS gateway handlers on either adapter: a span per `@SubscribeMessage`
 * method, errors recorded on the message span even though NestJS's
 * exception filter handles them, and event names for `WsAdapter` messages.
 * It wraps the WebSocket context creator the way the contrib NestJS
 * instrumentation wraps `RouterExecutionContext` for HTTP routes.
 */
export class NestWebSocketInstrumentation extends InstrumentationBase {
  private patcherCache: MethodPatcher | undefined;

  constructor() {
    super('@seda/telemetry/instrumentation-nestjs-websockets', SDK_VERSION, {});
  }

  protected init(): InstrumentationNodeModuleDefinition[] {
    const context = {
      versions: NEST_WEBSOCKETS_SUPPORTED_VERSIONS,
      patcher: () => this.patcher(),
      log: this._diag,
    };
    const websockets: ClassPatch[] = [
      {
        file: '@nestjs/websockets/context/ws-context-creator.js',
        className: 'WsContextCreator',
        patch: (creator, patcher) => this.patchContextCreator(creator, patcher),
        unpatch: (creator, patcher) =>
          patcher.unwrap(creator.prototype, 'create'),
      },
      {
        file: '@nestjs/websockets/exceptions/ws-exceptions-handler.js',
        className: 'WsExceptionsHandler',
        patch: patchExceptionsHandler,
        unpatch: (handler, patcher) =>
          patcher.unwrap(handler.prototype, 'handle'),
      },
    ];
    const platformWs: ClassPatch = {
      file: '@nestjs/platform-ws/adapters/ws-adapter.js',
      className: 'WsAdapter',
      patch: patchWsAdapter,
      unpatch: unpatchWsAdapter,
    };
    return [
      this.definition('@nestjs/websockets', websockets, context),
      this.definition('@nestjs/platform-ws', [platformWs], context),
    ];
  }

  private definition(
    name: string,
    files: ClassPatch[],
    context: PatchContext,
  ): InstrumentationNodeModuleDefinition {
    return new InstrumentationNodeModuleDefinition(
      name,
      NEST_WEBSOCKETS_SUPPORTED_VERSIONS,
      undefined,
      undefined,
      files.map((spec) => classFile(spec, context)),
    );
  }

  private patchContextCreator(
    creator: AnyFunction,
    patcher: MethodPatcher,
  ): void {
    patcher.wrap(creator.prototype, 'create', (original) =>
      traceContextCreator(original, () => this.tracer),
    );
  }

  private patcher(): MethodPatcher {
    this.patcherCache ??= createPatcher(
      this._wrap,
      this._unwrap,
      this._diag,
      'NestJS',
    );
    return this.patcherCache;
  }
}

/**
 * Patches `WsExceptionsHandler.prototype.handle`, which every error of a
 * gateway pipeline reaches (a guard's, a pipe's or the handler's), so that
 * the message fails even when no handler span saw the error.
 */
function patchExceptionsHandler(
  handler: AnyFunction,
  patcher: MethodPatcher,
): void {
  patcher.wrap(
    handler.prototype,
    'handle',
    (original) =>
      function handle(this: unknown, exception: unknown, ...rest: unknown[]) {
        activeInboundMessage()?.fail(exception);
        return original.call(this, exception, ...rest);
      },
  );
}

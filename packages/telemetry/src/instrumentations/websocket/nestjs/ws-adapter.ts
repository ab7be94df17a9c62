import { trackedConnection } from '../connection.js';
import { activeInboundMessage } from '../inbound-message.js';
import type { AnyFunction, MethodPatcher } from '../patching.js';

interface MessageHandler {
  readonly message: unknown;
  readonly callback: AnyFunction;
}

/**
 * Patches `WsAdapter.prototype.bindMessageHandlers` of
 * `@nestjs/platform-ws`, which binds the gateway's `@SubscribeMessage`
 * handlers to a socket. Each handler is wrapped so that the message it is
 * called for is named after its event, and a message no handler claims
 * keeps the unknown event name. `WsAdapter` parses `{ event, data }`
 * itself, so the `ws` patches receive only raw messages.
 */
export function patchWsAdapter(
  adapter: AnyFunction,
  patcher: MethodPatcher,
): void {
  patcher.wrap(
    adapter.prototype,
    'bindMessageHandlers',
    (original) =>
      function bindMessageHandlers(
        this: unknown,
        client: unknown,
        handlers: unknown,
        ...rest: unknown[]
      ) {
        const connection = trackedConnection(client);
        if (!connection || !Array.isArray(handlers)) {
          return original.call(this, client, handlers, ...rest);
        }

        connection.dispatchByEvent();
        const named = (handlers as MessageHandler[]).map(nameMessages);
        return original.call(this, client, named, ...rest);
      },
  );
}

export function unpatchWsAdapter(
  adapter: AnyFunction,
  patcher: MethodPatcher,
): void {
  patcher.unwrap(adapter.prototype, 'bindMessageHandlers');
}

function nameMessages(handler: MessageHandler): MessageHandler {
  const event = String(handler.message);
  const callback = handler.callback;
  return {
    ...handler,
    callback(this: unknown, ...args: unknown[]) {
      activeInboundMessage()?.rename(event);
      return callback.apply(this, args);
    },
  };
}

import type { ReceivedSpan } from '@seda/test-utils';
import type { ExpectedSpanTree, TreeSpan } from '@seda/telemetry/testing';
import type { ChatLibrary } from '../../chat/support/chat-clients.js';
import type { CallerSpan } from './trace-context.js';

/** Name of the span that stands for the client in a tree. */
export const CLIENT_SPAN_NAME = 'chat client';

/**
 * Adds the client's span to the exported ones. The client is the test, so
 * nothing exports its span, and without it the handshake and each message
 * are separate roots of the same trace.
 */
export function withCallerSpan(
  spans: readonly ReceivedSpan[],
  caller: CallerSpan,
): TreeSpan[] {
  const client: TreeSpan = {
    traceId: caller.traceId,
    spanId: caller.spanId,
    name: CLIENT_SPAN_NAME,
  };
  return [client, ...spans];
}

/** Returns the bounded attributes of a chat gateway's connections. */
export function gatewayAttributes(
  library: ChatLibrary,
): Record<string, string> {
  return library === 'socket.io'
    ? { 'websocket.library': 'socket.io', 'websocket.namespace': '/chat' }
    : { 'websocket.library': 'ws', 'websocket.path': '/chat' };
}

/** Returns the class name of the chat gateway on `library`. */
export function gatewayClass(library: ChatLibrary): string {
  return library === 'socket.io' ? 'SocketIoChatGateway' : 'WsChatGateway';
}

/** Describes the handshake span of a chat connection. */
export function handshakeSpan(library: ChatLibrary): ExpectedSpanTree {
  return {
    name: 'connect /chat',
    kind: 'SERVER',
    attributes: gatewayAttributes(library),
  };
}

/**
 * Describes the span of one handled chat event: the message span, with
 * `attributes` added to the connection's, and the gateway's handler span
 * under it, whose children are `handlerChildren`.
 */
export function chatMessageTree(
  library: ChatLibrary,
  event: string,
  handler: string,
  handlerChildren: readonly ExpectedSpanTree[],
  attributes: Record<string, unknown> = {},
): ExpectedSpanTree {
  const gateway = gatewayClass(library);
  return {
    name: `receive ${event}`,
    kind: 'CONSUMER',
    attributes: {
      ...gatewayAttributes(library),
      'websocket.event': event,
      ...attributes,
    },
    children: [
      {
        name: `${gateway}.${handler}`,
        attributes: {
          'nestjs.type': 'handler',
          'nestjs.controller': gateway,
          'nestjs.callback': handler,
        },
        children: handlerChildren,
      },
    ],
  };
}

/**
 * Describes a socket.io room broadcast. Both gateways broadcast through the
 * socket.io namespace, which sends the copies of the room's socket.io
 * members. The `ws` members get theirs from `send()`, which has no span.
 */
export function roomEmit(
  event: string,
  room: string,
  recipients: number,
): ExpectedSpanTree {
  return {
    name: `emit ${event}`,
    kind: 'PRODUCER',
    attributes: {
      ...gatewayAttributes('socket.io'),
      'websocket.event': event,
      'websocket.rooms': [room],
      'websocket.recipients': recipients,
    },
  };
}

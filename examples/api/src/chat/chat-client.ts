import type { Socket } from 'socket.io';
import type { WebSocket } from 'ws';

/** A connection of either chat gateway, with the library it came through. */
export type ChatClient =
  | { readonly library: 'socket.io'; readonly socket: Socket }
  | { readonly library: 'ws'; readonly socket: WebSocket };

export function socketIoClient(socket: Socket): ChatClient {
  return { library: 'socket.io', socket };
}

export function wsClient(socket: WebSocket): ChatClient {
  return { library: 'ws', socket };
}

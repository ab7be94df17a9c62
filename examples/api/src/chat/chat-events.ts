/** Events a chat client sends, the same on both gateways. */
export const CLIENT_EVENTS = {
  join: 'room:join',
  leave: 'room:leave',
  send: 'message:send',
  typing: 'typing',
  react: 'reaction:add',
} as const;

/** Events the server broadcasts to the other members of a room. */
export const ROOM_EVENTS = {
  memberJoined: 'room:joined',
  memberLeft: 'room:left',
  message: 'message:new',
  typing: 'typing',
  reaction: 'reaction:new',
} as const;

/** Event of the error reply on `ws`, and on socket.io without an ack. */
export const EXCEPTION_EVENT = 'exception';

/** socket.io namespace of the chat gateway, on the HTTP port. */
export const CHAT_NAMESPACE = '/chat';

/** Path of the `ws` chat gateway, on its own port. */
export const CHAT_WS_PATH = '/chat';

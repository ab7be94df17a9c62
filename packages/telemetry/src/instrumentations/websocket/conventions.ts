/**
 * Span and metric names and attributes of the socket.io and `ws`
 * instrumentations. No OpenTelemetry semantic convention covers WebSocket
 * servers yet, so the attributes live under `websocket.*`, apart from
 * `url.path` and `error.type`, which keep their semantic convention meaning.
 *
 * Spans:
 * - `connect <namespace or path>`, SERVER: one per handshake, from the
 *   connection request (socket.io: the namespace join, including its
 *   middlewares) until the `connection` listeners have returned. It carries
 *   `websocket.library`, `websocket.namespace` (socket.io) or
 *   `websocket.path` and `url.path` (ws), and `websocket.transport`
 *   (socket.io). A socket.io handshake that a middleware rejects ends with
 *   ERROR status. There is no socket id, address or user data on it.
 * - `receive <event>`, CONSUMER: one per inbound event (socket.io) or
 *   message (ws) that has a listener, from arrival until the listeners and
 *   the promises they return have settled and, when the client asked for an
 *   acknowledgement, until the acknowledgement is sent. CONSUMER rather than
 *   SERVER because a WebSocket message is one-way: backends count SERVER
 *   spans as requests and their duration as response time. Attributes:
 *   `websocket.event`, `websocket.message.size`, `websocket.rooms` (rooms the
 *   handler joined or emitted to), plus the connection's library and
 *   namespace or path. Its parent is the remote context the client sent at
 *   the handshake; without one it starts a new trace. It always links to the
 *   connection span.
 * - `emit <event>`, PRODUCER: one per socket.io emit to rooms or a whole
 *   namespace (`io.emit`, `io.to(room).emit`, `socket.to(room).emit`,
 *   `socket.broadcast.emit`), a child of the active span, with
 *   `websocket.event`, `websocket.namespace`, `websocket.rooms` and
 *   `websocket.recipients` (connections of this process written to).
 *   An emit to one socket and a `ws` `send()` are counted, not traced.
 *
 * Metric attributes are bounded: the library, the namespace (dynamic
 * namespaces by their pattern) or the configured path, the event name of a
 * declared handler or one fixed value, the close reason and `error.type`.
 * Rooms, socket ids, user ids and message content never appear in them.
 */

export const ATTR_LIBRARY = 'websocket.library';
export const ATTR_NAMESPACE = 'websocket.namespace';
export const ATTR_PATH = 'websocket.path';
export const ATTR_EVENT = 'websocket.event';
export const ATTR_MESSAGE_SIZE = 'websocket.message.size';
export const ATTR_ROOMS = 'websocket.rooms';
export const ATTR_RECIPIENTS = 'websocket.recipients';
export const ATTR_TRANSPORT = 'websocket.transport';
export const ATTR_DIRECTION = 'websocket.direction';
export const ATTR_CLOSE_REASON = 'websocket.close.reason';
export const ATTR_ERROR_TYPE = 'error.type';
export const ATTR_URL_PATH = 'url.path';

export type WebSocketLibrary = 'socket.io' | 'ws';

/**
 * Why a connection ended, as recorded on `websocket.server.connection.closed`
 * and `.duration`:
 * - `client_close`: the client closed it, with or without a closing handshake;
 * - `server_close`: the application closed it;
 * - `transport_error`: an invalid frame or packet, or a transport failure;
 * - `ping_timeout`: the client stopped responding to pings;
 * - `server_shutdown`: the server was closing;
 * - `other`: a reason this SDK does not know.
 */
export type CloseReason =
  | 'client_close'
  | 'server_close'
  | 'transport_error'
  | 'ping_timeout'
  | 'server_shutdown'
  | 'other';

/** `error.type` of a socket.io acknowledgement sent with an `error` field. */
export const ACK_ERROR_TYPE = 'ack_error';

/** `websocket.event` of every message of a plain `ws` server. */
export const WS_MESSAGE_EVENT = 'message';

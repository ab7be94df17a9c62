import { UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketGateway,
  type WsResponse,
} from '@nestjs/websockets';
import type { WebSocket } from 'ws';
import type { MessageView } from '../messages/message-view.js';
import type { JoinResult } from '../rooms/rooms.service.js';
import { wsClient } from './chat-client.js';
import {
  AddReactionDto,
  RoomMemberDto,
  SendMessageDto,
  TypingDto,
} from './chat-dtos.js';
import { CHAT_WS_PATH, CLIENT_EVENTS } from './chat-events.js';
import { ChatExceptionsFilter } from './chat-exceptions.filter.js';
import { ChatRooms } from './chat-rooms.js';
import {
  ChatService,
  type RoomMember,
  type RoomReaction,
} from './chat.service.js';
import type { GatewayOptions } from './gateway-adapter.js';

const WS_GATEWAY: GatewayOptions = { library: 'ws', path: CHAT_WS_PATH };

/**
 * The chat on `ws`, at `/chat` of the `ws` port. Frames are JSON
 * `{event, data}` both ways, and the reply to a handled frame is a frame of
 * the same event whose data is the result.
 */
@WebSocketGateway(WS_GATEWAY)
@UseFilters(ChatExceptionsFilter)
export class WsChatGateway implements OnGatewayDisconnect<WebSocket> {
  constructor(
    private readonly chat: ChatService,
    private readonly rooms: ChatRooms,
  ) {}

  handleDisconnect(socket: WebSocket): void {
    this.rooms.forget(socket);
  }

  @SubscribeMessage(CLIENT_EVENTS.join)
  async join(
    @ConnectedSocket() socket: WebSocket,
    @MessageBody() body: RoomMemberDto,
  ): Promise<WsResponse<JoinResult>> {
    const data = await this.chat.join(wsClient(socket), body);
    return { event: CLIENT_EVENTS.join, data };
  }

  @SubscribeMessage(CLIENT_EVENTS.leave)
  async leave(
    @ConnectedSocket() socket: WebSocket,
    @MessageBody() body: RoomMemberDto,
  ): Promise<WsResponse<RoomMember>> {
    const data = await this.chat.leave(wsClient(socket), body);
    return { event: CLIENT_EVENTS.leave, data };
  }

  @SubscribeMessage(CLIENT_EVENTS.send)
  async send(
    @ConnectedSocket() socket: WebSocket,
    @MessageBody() body: SendMessageDto,
  ): Promise<WsResponse<MessageView>> {
    const data = await this.chat.send(wsClient(socket), body);
    return { event: CLIENT_EVENTS.send, data };
  }

  /** Sends no reply: typing notices are not acknowledged. */
  @SubscribeMessage(CLIENT_EVENTS.typing)
  typing(
    @ConnectedSocket() socket: WebSocket,
    @MessageBody() body: TypingDto,
  ): void {
    this.chat.typing(wsClient(socket), body);
  }

  @SubscribeMessage(CLIENT_EVENTS.react)
  async react(
    @ConnectedSocket() socket: WebSocket,
    @MessageBody() body: AddReactionDto,
  ): Promise<WsResponse<RoomReaction>> {
    const data = await this.chat.react(wsClient(socket), body);
    return { event: CLIENT_EVENTS.react, data };
  }
}

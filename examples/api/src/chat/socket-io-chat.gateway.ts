import { UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import type { MessageView } from '../messages/message-view.js';
import type { JoinResult } from '../rooms/rooms.service.js';
import { socketIoClient } from './chat-client.js';
import {
  AddReactionDto,
  RoomMemberDto,
  SendMessageDto,
  TypingDto,
} from './chat-dtos.js';
import { CHAT_NAMESPACE, CLIENT_EVENTS } from './chat-events.js';
import { ChatExceptionsFilter } from './chat-exceptions.filter.js';
import { ChatRooms } from './chat-rooms.js';
import {
  ChatService,
  type RoomMember,
  type RoomReaction,
} from './chat.service.js';

/**
 * The chat on socket.io, in the `/chat` namespace of the HTTP server. A
 * handler's return value is the acknowledgement.
 */
@WebSocketGateway({ namespace: CHAT_NAMESPACE })
@UseFilters(ChatExceptionsFilter)
export class SocketIoChatGateway implements OnGatewayInit<Namespace> {
  constructor(
    private readonly chat: ChatService,
    private readonly rooms: ChatRooms,
  ) {}

  afterInit(namespace: Namespace): void {
    this.rooms.attachSocketIo(namespace);
  }

  @SubscribeMessage(CLIENT_EVENTS.join)
  join(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: RoomMemberDto,
  ): Promise<JoinResult> {
    return this.chat.join(socketIoClient(socket), body);
  }

  @SubscribeMessage(CLIENT_EVENTS.leave)
  leave(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: RoomMemberDto,
  ): Promise<RoomMember> {
    return this.chat.leave(socketIoClient(socket), body);
  }

  @SubscribeMessage(CLIENT_EVENTS.send)
  send(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: SendMessageDto,
  ): Promise<MessageView> {
    return this.chat.send(socketIoClient(socket), body);
  }

  @SubscribeMessage(CLIENT_EVENTS.typing)
  typing(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: TypingDto,
  ): void {
    this.chat.typing(socketIoClient(socket), body);
  }

  @SubscribeMessage(CLIENT_EVENTS.react)
  react(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: AddReactionDto,
  ): Promise<RoomReaction> {
    return this.chat.react(socketIoClient(socket), body);
  }
}

import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module.js';
import { ReactionsModule } from '../reactions/reactions.module.js';
import { RoomsModule } from '../rooms/rooms.module.js';
import { ChatRooms } from './chat-rooms.js';
import { ChatService } from './chat.service.js';
import { SocketIoChatGateway } from './socket-io-chat.gateway.js';
import { WsChatGateway } from './ws-chat.gateway.js';
import { WsGatewayServer } from './ws-gateway-server.js';

/** The chat gateways on socket.io and `ws`, over the HTTP API's services. */
@Module({
  imports: [RoomsModule, MessagesModule, ReactionsModule],
  providers: [
    ChatService,
    ChatRooms,
    WsGatewayServer,
    SocketIoChatGateway,
    WsChatGateway,
  ],
  exports: [WsGatewayServer],
})
export class ChatModule {}

import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { WebSocket } from 'ws';
import type { ChatClient } from './chat-client.js';

/** Returns the socket.io room of a chat room. */
export function roomName(roomId: number): string {
  return `room:${roomId}`;
}

/**
 * The rooms that connections of both gateways joined. A room is one room
 * whatever library its members use: a broadcast reaches its socket.io
 * members through a socket.io room and its `ws` members one by one.
 */
@Injectable()
export class ChatRooms {
  private namespace: Namespace | undefined;
  /** The `ws` sockets in each room. */
  private readonly wsMembers = new Map<number, Set<WebSocket>>();
  /** For each socket, the rooms it joined and the user it joined as. */
  private readonly memberships = new WeakMap<object, Map<number, number>>();

  /** Sets the namespace of the socket.io gateway, once it exists. */
  attachSocketIo(namespace: Namespace): void {
    this.namespace = namespace;
  }

  async join(
    client: ChatClient,
    roomId: number,
    userId: number,
  ): Promise<void> {
    this.membershipsOf(client.socket).set(roomId, userId);
    if (client.library === 'socket.io') {
      await client.socket.join(roomName(roomId));
      return;
    }

    const members = this.wsMembers.get(roomId) ?? new Set<WebSocket>();
    members.add(client.socket);
    this.wsMembers.set(roomId, members);
  }

  async leave(client: ChatClient, roomId: number): Promise<void> {
    this.memberships.get(client.socket)?.delete(roomId);
    if (client.library === 'socket.io') {
      await client.socket.leave(roomName(roomId));
    } else {
      this.removeWsMember(roomId, client.socket);
    }
  }

  /** Returns the user the client joined the room as, if it did. */
  userIn(client: ChatClient, roomId: number): number | undefined {
    return this.memberships.get(client.socket)?.get(roomId);
  }

  /**
   * Drops a closed `ws` socket from its rooms. socket.io takes its own
   * sockets out of their rooms when they disconnect.
   */
  forget(socket: WebSocket): void {
    for (const roomId of this.memberships.get(socket)?.keys() ?? []) {
      this.removeWsMember(roomId, socket);
    }
    this.memberships.delete(socket);
  }

  /** Sends `event` to every member of the room but `sender`. */
  broadcast(
    roomId: number,
    event: string,
    data: unknown,
    sender?: ChatClient,
  ): void {
    const room = roomName(roomId);
    const operator =
      sender?.library === 'socket.io'
        ? sender.socket.to(room)
        : this.namespace?.to(room);
    operator?.emit(event, data);

    const frame = JSON.stringify({ event, data });
    for (const socket of this.wsMembers.get(roomId) ?? []) {
      if (socket !== sender?.socket && socket.readyState === socket.OPEN) {
        socket.send(frame);
      }
    }
  }

  private membershipsOf(socket: object): Map<number, number> {
    let rooms = this.memberships.get(socket);
    if (rooms === undefined) {
      rooms = new Map();
      this.memberships.set(socket, rooms);
    }
    return rooms;
  }

  private removeWsMember(roomId: number, socket: WebSocket): void {
    const members = this.wsMembers.get(roomId);
    members?.delete(socket);
    if (members?.size === 0) this.wsMembers.delete(roomId);
  }
}

import { pick } from './sample-data.js';

/** The body of a sign-up, kept to send it again as a duplicate. */
export interface SignUpBody {
  email: string;
  username: string;
  displayName: string;
  artist?: { stageName: string };
}

export interface KnownMessage {
  id: number;
  roomId: number;
}

/** A user's membership of a room, created by a join. */
export interface KnownMembership {
  roomId: number;
  userId: number;
}

/** How many message ids are kept for reactions. */
const KEPT_MESSAGES = 500;

/**
 * Users, rooms and messages created so far, shared by the virtual users so
 * that they join, post to and react in each other's rooms.
 */
export class TrafficWorld {
  readonly userIds: number[] = [];
  readonly signUps: SignUpBody[] = [];
  readonly roomIds: number[] = [];
  /** Users who signed up with an artist profile. */
  readonly artistIds: number[] = [];
  private readonly memberships: KnownMembership[] = [];
  private readonly messages: KnownMessage[] = [];
  private nextUserNumber = 1;

  /** `runId` keeps usernames unique across runs on one database. */
  constructor(private readonly runId: string) {}

  newSignUp(): SignUpBody {
    const number = this.nextUserNumber++;
    const username = `demo_${this.runId}_${number}`;
    const body: SignUpBody = {
      email: `${username}@example.com`,
      username,
      displayName: `Listener ${number}`,
    };

    if (number % 5 === 0) body.artist = { stageName: `DJ Demo ${number}` };
    return body;
  }

  addMessage(message: KnownMessage): void {
    this.messages.push(message);
    if (this.messages.length > KEPT_MESSAGES) this.messages.shift();
  }

  randomUserId(): number | undefined {
    return this.userIds.length === 0 ? undefined : pick(this.userIds);
  }

  randomRoomId(): number | undefined {
    return this.roomIds.length === 0 ? undefined : pick(this.roomIds);
  }

  randomMessage(): KnownMessage | undefined {
    return this.messages.length === 0 ? undefined : pick(this.messages);
  }

  addMembership(membership: KnownMembership): void {
    this.memberships.push(membership);
  }

  /** Removes and returns a random membership, for a user to leave. */
  takeMembership(): KnownMembership | undefined {
    if (this.memberships.length === 0) return undefined;

    const index = Math.floor(Math.random() * this.memberships.length);
    return this.memberships.splice(index, 1)[0];
  }

  randomArtistId(): number | undefined {
    return this.artistIds.length === 0 ? undefined : pick(this.artistIds);
  }

  randomSignUp(): SignUpBody | undefined {
    return this.signUps.length === 0 ? undefined : pick(this.signUps);
  }
}

import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { RoomKind } from '#generated/sqlite/enums.js';
import { MAX_ID } from '../validation/limits.js';

export const ROOM_KINDS = Object.values(RoomKind);

/** Body of `POST /rooms`. */
export class CreateRoomDto {
  @IsString()
  @Length(1, 100)
  name!: string;

  /** Room kind, `public` when absent. */
  @IsOptional()
  @IsIn(ROOM_KINDS)
  kind?: RoomKind;
}

/** Body of `POST /rooms/:id/join`. */
export class JoinRoomDto {
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  userId!: number;
}

/** Body of `POST /rooms/:id/leave`. */
export class LeaveRoomDto {
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  userId!: number;
}

import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CreateReactionDto } from '../reactions/create-reaction.dto.js';
import { PostMessageDto } from '../messages/message-dtos.js';
import { JoinRoomDto } from '../rooms/room-dtos.js';
import { MAX_ID } from '../validation/limits.js';

// The payloads are the bodies of the matching HTTP requests plus the id
// that HTTP carries in the path, so both APIs validate the same way.

/** Payload of `room:join` and `room:leave`. */
export class RoomMemberDto extends JoinRoomDto {
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  roomId!: number;
}

/** Payload of `message:send`. */
export class SendMessageDto extends PostMessageDto {
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  roomId!: number;
}

/** Payload of `typing`. */
export class TypingDto extends RoomMemberDto {
  /** `false` when the user stopped typing. Default `true`. */
  @IsOptional()
  @IsBoolean()
  typing?: boolean;
}

/** Payload of `reaction:add`. */
export class AddReactionDto extends CreateReactionDto {
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  messageId!: number;
}

import { IsIn, IsInt, Max, Min } from 'class-validator';
import { ReactionType } from '#generated/sqlite/enums.js';
import { MAX_ID } from '../validation/limits.js';

export const REACTION_TYPES = Object.values(ReactionType);

/** Body of `POST /messages/:id/reactions`. */
export class CreateReactionDto {
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  userId!: number;

  @IsIn(REACTION_TYPES)
  type!: ReactionType;
}

import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TrackProvider } from '#generated/sqlite/enums.js';
import { MAX_ID } from '../validation/limits.js';

export const TRACK_PROVIDERS = Object.values(TrackProvider);

export const DEFAULT_HISTORY_LIMIT = 50;
export const MAX_HISTORY_LIMIT = 100;

/** A track shared with a message. */
export class TrackDto {
  @IsIn(TRACK_PROVIDERS)
  provider!: TrackProvider;

  @IsString()
  @Length(1, 200)
  title!: string;

  @IsString()
  @Length(1, 200)
  artist!: string;

  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2048)
  url!: string;
}

/** Body of `POST /rooms/:id/messages`. */
export class PostMessageDto {
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  userId!: number;

  @IsString()
  @Length(1, 2000)
  text!: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TrackDto)
  track?: TrackDto;
}

/** Query of `GET /rooms/:id/messages`. */
export class HistoryQueryDto {
  /** Number of newest messages, else `DEFAULT_HISTORY_LIMIT`. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_HISTORY_LIMIT)
  limit?: number;
}

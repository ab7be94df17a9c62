import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** The artist profile created along with a user. */
export class ArtistSignUpDto {
  @IsString()
  @Length(1, 100)
  stageName!: string;
}

/** Body of `POST /users`. */
export class CreateUserDto {
  // Emails are compared in lower case, so that one address cannot sign up
  // twice with different capitalisation.
  @Transform(({ value }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @Matches(/^[a-z0-9_]{3,32}$/, {
    message:
      'username must be 3 to 32 lower-case letters, digits or underscores',
  })
  username!: string;

  @IsString()
  @Length(1, 64)
  displayName!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ArtistSignUpDto)
  artist?: ArtistSignUpDto;
}

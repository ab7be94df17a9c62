import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ParseIdPipe } from '../validation/parse-id.pipe.js';
import { CreateUserDto } from './create-user.dto.js';
import {
  UsersService,
  type ArtistVerification,
  type CreatedUser,
} from './users.service.js';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  signUp(@Body() body: CreateUserDto): Promise<CreatedUser> {
    return this.users.signUp(body);
  }

  @Post(':id/artist/verification')
  @HttpCode(200)
  verifyArtist(
    @Param('id', ParseIdPipe) id: number,
  ): Promise<ArtistVerification> {
    return this.users.verifyArtist(id);
  }
}

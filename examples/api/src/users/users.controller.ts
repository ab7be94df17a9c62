import { Body, Controller, Post } from '@nestjs/common';
import { CreateUserDto } from './create-user.dto.js';
import { UsersService, type CreatedUser } from './users.service.js';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  signUp(@Body() body: CreateUserDto): Promise<CreatedUser> {
    return this.users.signUp(body);
  }
}

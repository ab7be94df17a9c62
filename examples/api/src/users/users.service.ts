import {
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { User } from '#generated/sqlite/client.js';
import { isUniqueViolation } from '../prisma/prisma-errors.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { CreateUserDto } from './create-user.dto.js';

/** The public part of a new user. */
export interface CreatedUser {
  id: number;
  username: string;
}

@Injectable()
export class UsersService {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Creates a user, and its artist profile when the sign-up has one.
   *
   * @throws ConflictException when the email or username is taken.
   */
  async signUp(input: CreateUserDto): Promise<CreatedUser> {
    try {
      return await this.prisma.client.user.create({
        data: {
          email: input.email,
          username: input.username,
          displayName: input.displayName,
          artistProfile: input.artist && {
            create: { stageName: input.artist.stageName },
          },
        },
        select: { id: true, username: true },
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw await this.conflictFor(input);
      }
      throw error;
    }
  }

  /** @throws NotFoundException when no user has this id. */
  async requireUser(id: number): Promise<User> {
    const user = await this.prisma.client.user.findUnique({ where: { id } });
    if (user === null) {
      throw new NotFoundException(`User ${id} not found.`);
    }
    return user;
  }

  // The two dialects report the violated constraint in different shapes, so
  // the taken field is looked up instead of read from the error.
  private async conflictFor(input: CreateUserDto): Promise<ConflictException> {
    const existing = await this.prisma.client.user.findFirst({
      where: { OR: [{ email: input.email }, { username: input.username }] },
      select: { email: true },
    });
    const field = existing?.email === input.email ? 'email' : 'username';
    return new ConflictException(`A user with this ${field} already exists.`);
  }
}

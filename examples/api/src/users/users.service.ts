import {
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { User } from '#generated/sqlite/client.js';
import {
  businessMetrics,
  productEvents,
} from '../business/business-telemetry.js';
import { isUniqueViolation } from '../prisma/prisma-errors.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { CreateUserDto } from './create-user.dto.js';

/** The public part of a new user. */
export interface CreatedUser {
  id: number;
  username: string;
}

/** The verification state of an artist profile. */
export interface ArtistVerification {
  userId: number;
  verified: boolean;
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
    let user: CreatedUser;
    try {
      user = await this.prisma.client.user.create({
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

    const userType = input.artist === undefined ? 'listener' : 'artist';
    businessMetrics.userSignedUp({ userType });
    productEvents.userSignedUp({ userId: user.id, userType });
    return user;
  }

  /**
   * Marks the user's artist profile as verified. Verifying a verified
   * profile again changes nothing and records no event.
   *
   * @throws NotFoundException when the user has no artist profile.
   */
  async verifyArtist(userId: number): Promise<ArtistVerification> {
    const { count } = await this.prisma.client.artistProfile.updateMany({
      where: { userId, verified: false },
      data: { verified: true },
    });
    if (count === 1) {
      businessMetrics.artistVerified();
      return { userId, verified: true };
    }

    const profile = await this.prisma.client.artistProfile.findUnique({
      where: { userId },
      select: { verified: true },
    });
    if (profile === null) {
      throw new NotFoundException(`User ${userId} has no artist profile.`);
    }
    return { userId, verified: profile.verified };
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

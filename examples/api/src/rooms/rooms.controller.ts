import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Res,
} from '@nestjs/common';
import { ParseIdPipe } from '../validation/parse-id.pipe.js';
import { CreateRoomDto, JoinRoomDto, LeaveRoomDto } from './room-dtos.js';
import {
  RoomsService,
  type JoinResult,
  type RoomDetails,
  type RoomView,
} from './rooms.service.js';

/** The part of express's response that the join handler uses. */
interface StatusResponse {
  status(code: number): unknown;
}

@Controller('rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Post()
  create(@Body() body: CreateRoomDto): Promise<RoomView> {
    return this.rooms.create(body);
  }

  @Get(':id')
  details(@Param('id', ParseIdPipe) id: number): Promise<RoomDetails> {
    return this.rooms.details(id);
  }

  /** Returns 201 for a new membership and 200 when it existed already. */
  @Post(':id/join')
  async join(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: JoinRoomDto,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<Omit<JoinResult, 'created'>> {
    const { created, ...membership } = await this.rooms.join(id, body.userId);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return membership;
  }

  /** Returns 204 once the membership is gone. */
  @Post(':id/leave')
  @HttpCode(HttpStatus.NO_CONTENT)
  leave(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: LeaveRoomDto,
  ): Promise<void> {
    return this.rooms.leave(id, body.userId);
  }
}

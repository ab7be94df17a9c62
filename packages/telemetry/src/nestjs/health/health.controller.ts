import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import type {
  HealthEndpoints,
  HealthRoute,
} from '../../health/http/endpoints.js';
import { HEALTH_ENDPOINTS } from './tokens.js';

/**
 * The reply object of Express (`Response`) and of Fastify (`FastifyReply`):
 * both have `status` and `header`.
 */
interface Reply {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

/**
 * Serves `GET /health`, `/health/live`, `/health/ready` and `/health/deep`
 * with the status codes and bodies of the framework-free handler.
 */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HEALTH_ENDPOINTS) private readonly endpoints: HealthEndpoints,
  ) {}

  @Get()
  health(@Res({ passthrough: true }) reply: Reply): Promise<unknown> {
    return this.send('health', reply);
  }

  @Get('live')
  live(@Res({ passthrough: true }) reply: Reply): Promise<unknown> {
    return this.send('live', reply);
  }

  @Get('ready')
  ready(@Res({ passthrough: true }) reply: Reply): Promise<unknown> {
    return this.send('ready', reply);
  }

  @Get('deep')
  deep(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<unknown> {
    return this.send('deep', reply, authorization);
  }

  private async send(
    route: HealthRoute,
    reply: Reply,
    authorization?: string,
  ): Promise<unknown> {
    const response = await this.endpoints.respond(route, authorization);
    reply.status(response.statusCode);
    for (const [name, value] of Object.entries(response.headers)) {
      reply.header(name, value);
    }
    return response.body;
  }
}

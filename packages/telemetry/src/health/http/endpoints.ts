import { describeIssue } from '../../config/issues.js';
import {
  resolveHealthEndpoints,
  type ResolvedHealthEndpoints,
} from '../../config/health.js';
import { componentLogger, warnAboutOption } from '../../diag/logger.js';
import type { HealthRegistry } from '../registry.js';
import { httpStatusOf } from '../status.js';
import type { HealthEndpointOptions, HealthReport } from '../types.js';
import { bearerTokenMatches } from './token.js';

/** The four endpoints, by the last segment of their path. */
export type HealthRoute = 'health' | 'live' | 'ready' | 'deep';

/** A response of an endpoint, for any HTTP framework to send. */
export interface HealthHttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  /** A JSON-serialisable body. */
  readonly body: unknown;
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  // Probes and monitors must never see a response cached by a proxy.
  'cache-control': 'no-store',
};

/**
 * The logic of `/health`, `/health/live`, `/health/ready` and
 * `/health/deep`, free of any HTTP framework: the framework-free handler
 * and the NestJS controller both send what {@link respond} returns.
 */
export class HealthEndpoints {
  private readonly log = componentLogger('health');

  constructor(
    private readonly registry: HealthRegistry,
    private readonly settings: ResolvedHealthEndpoints,
  ) {}

  /**
   * Builds the response of one endpoint. `authorization` is the request's
   * `Authorization` header, read only by `/health/deep` with a token.
   * Never rejects.
   */
  async respond(
    route: HealthRoute,
    authorization?: string,
  ): Promise<HealthHttpResponse> {
    try {
      return await this.route(route, authorization);
    } catch (error) {
      this.log.error(`building the ${route} report failed:`, error);
      return json(503, {
        status: 'unhealthy',
        error: 'the health report failed',
      });
    }
  }

  private async route(
    route: HealthRoute,
    authorization: string | undefined,
  ): Promise<HealthHttpResponse> {
    switch (route) {
      case 'live':
        return json(200, this.registry.liveness());
      case 'ready':
        return reportResponse(await this.registry.report('ready'));
      case 'deep':
        return this.deep(authorization);
      default:
        return reportResponse(await this.registry.report('standard'));
    }
  }

  private async deep(
    authorization: string | undefined,
  ): Promise<HealthHttpResponse> {
    const { deepEnabled, deepToken } = this.settings;
    if (!deepEnabled) return json(404, { error: 'not found' });
    if (
      deepToken !== undefined &&
      !bearerTokenMatches(authorization, deepToken)
    ) {
      return {
        ...json(401, { error: 'a valid bearer token is required' }),
        headers: {
          ...JSON_HEADERS,
          'www-authenticate': 'Bearer realm="health"',
        },
      };
    }
    return reportResponse(await this.registry.report('deep'));
  }
}

/**
 * Creates the endpoints. `SEDA_HEALTH_DEEP` and `SEDA_HEALTH_DEEP_TOKEN` are
 * read from `env` for options left unset.
 */
export function createHealthEndpoints(
  registry: HealthRegistry,
  options: HealthEndpointOptions = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): HealthEndpoints {
  const { config, issues } = resolveHealthEndpoints(options, env);
  const log = componentLogger('health');
  for (const issue of issues) warnAboutOption(log, 'health', describeIssue(issue));
  return new HealthEndpoints(registry, config);
}

function reportResponse(report: HealthReport): HealthHttpResponse {
  return json(httpStatusOf(report.status), report);
}

function json(statusCode: number, body: unknown): HealthHttpResponse {
  return { statusCode, headers: JSON_HEADERS, body };
}

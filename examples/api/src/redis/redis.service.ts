import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { redactUrl } from '../url-redaction.js';
import { FailureLog } from './failure-log.js';
import type { RedisTarget } from './redis-target.js';

/**
 * The optional Redis connection. Without a Redis URL, or while Redis is
 * unreachable, `run` returns `undefined` and callers fall back to the
 * database, because Redis contains only data that can be rebuilt.
 */
export class RedisService implements OnModuleDestroy {
  private static readonly logger = new Logger(RedisService.name);
  private readonly failures = new FailureLog(RedisService.logger);

  private constructor(private readonly client: Redis | undefined) {
    client?.on('error', (error: Error) => {
      this.failures.warn(`Redis connection error: ${error.message}`);
    });
  }

  /** Connects to `target`, or returns a disabled service without one. */
  static async connect(target: RedisTarget | undefined): Promise<RedisService> {
    if (target === undefined) {
      RedisService.logger.log(
        'no Redis URL set, so the history cache and online counter are off',
      );
      return new RedisService(undefined);
    }

    const client = new Redis(target.url, {
      keyPrefix: target.keyPrefix,
      lazyConnect: true,
      // Fail commands at once while disconnected instead of queueing them,
      // because a request must not wait for Redis to come back.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    const service = new RedisService(client);
    await service.connectOnce(target);
    return service;
  }

  get enabled(): boolean {
    return this.client !== undefined;
  }

  /**
   * The ioredis client for health checks, which need its errors rather
   * than the fallback of `run`. Undefined without a Redis URL.
   */
  get connection(): Redis | undefined {
    return this.client;
  }

  /**
   * Runs `command` against Redis.
   *
   * @returns the command's result, or `undefined` when Redis is off or the
   *   command failed; failures are logged as rate-limited warnings.
   */
  async run<T>(
    operation: string,
    command: (client: Redis) => Promise<T>,
  ): Promise<T | undefined> {
    if (this.client === undefined) {
      return undefined;
    }
    try {
      return await command(this.client);
    } catch (error) {
      this.failures.warn(`Redis ${operation} failed: ${errorMessage(error)}`);
      return undefined;
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.client === undefined) {
      return;
    }
    if (this.client.status === 'ready') {
      await this.client.quit();
    } else {
      this.client.disconnect();
    }
  }

  private async connectOnce(target: RedisTarget): Promise<void> {
    const url = redactUrl(target.url);
    try {
      await this.client?.connect();
      RedisService.logger.log(`connected to Redis ${url}`);
    } catch (error) {
      // ioredis keeps reconnecting in the background, and every cache lookup
      // misses until it succeeds.
      RedisService.logger.warn(
        `Redis ${url} is unreachable, running without the cache until it ` +
          `connects: ${errorMessage(error)}`,
      );
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

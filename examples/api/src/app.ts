import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ExpressAdapter,
  type NestExpressApplication,
} from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { useGatewayAdapter } from './chat/gateway-adapter.js';
import { WsGatewayServer } from './chat/ws-gateway-server.js';
import { resolveWsPort } from './chat/ws-port.js';
import { nonEmpty, resolveAppConfig, type AppOptions } from './config.js';
import { createValidationPipe } from './validation/validation-pipe.js';

export type { AppOptions } from './config.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 3000;

/** Options of `startApp`. */
export interface StartOptions extends AppOptions {
  /** Interface to listen on. Default: `127.0.0.1`. */
  host?: string;
  /** TCP port, where 0 picks a free one. Default: `PORT`, else 3000. */
  port?: number;
  /**
   * TCP port of the `ws` chat gateway, where 0 picks a free one. Default:
   * `WS_PORT`, else 0 when `port` is 0, else `port` plus one.
   */
  wsPort?: number;
}

/** A listening app. */
export interface RunningApp {
  app: NestExpressApplication;
  /** Base URL, for example `http://127.0.0.1:3000`. */
  url: string;
  /** URL of the `ws` chat gateway, for example `ws://127.0.0.1:3001/chat`. */
  wsUrl: string;
  /** Closes the HTTP server and the app's connections. */
  close(): Promise<void>;
}

/**
 * Creates and initialises the app without listening: the database has been
 * migrated and connected when it resolves. Nest closes it on SIGTERM and
 * SIGINT.
 */
export async function createApp(
  options: AppOptions = {},
): Promise<NestExpressApplication> {
  const config = resolveAppConfig(options);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, options.onShutdown, options.modules),
    new ExpressAdapter(),
    {
      // Throw start-up errors to the caller instead of exiting the process.
      abortOnError: false,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    },
  );
  app.useGlobalPipes(createValidationPipe());
  useGatewayAdapter(app);
  app.enableShutdownHooks();
  await app.init();
  return app;
}

/** Creates the app and listens on `host` and `port`. */
export async function startApp(
  options: StartOptions = {},
): Promise<RunningApp> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? parsePort(options.env ?? process.env);
  const wsPort =
    options.wsPort ?? resolveWsPort(options.env ?? process.env, port);
  const app = await createApp(options);
  let wsUrl: string;
  try {
    await app.listen(port, host);
    wsUrl = await app.get(WsGatewayServer).listen(wsPort, host);
  } catch (error) {
    await app.close();
    throw error;
  }

  const url = baseUrl(app.getHttpServer().address() as AddressInfo);
  new Logger('App').log(`listening on ${url}`);
  new Logger('App').log(`ws listening on ${wsUrl}`);
  return { app, url, wsUrl, close: () => app.close() };
}

function parsePort(env: Record<string, string | undefined>): number {
  const value = nonEmpty(env.PORT);
  if (value === undefined) {
    return DEFAULT_PORT;
  }
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new Error(`Invalid PORT "${value}": use an integer from 0 to 65535.`);
  }
  return port;
}

function baseUrl(address: AddressInfo): string {
  const host =
    address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

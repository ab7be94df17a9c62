import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPinoLogger,
  createWinstonLogger,
  NestLogger,
} from '../../src/logs/index.js';
import { readNestArguments } from '../../src/logs/nest-arguments.js';
import { CapturedStream, type LogLine } from './support.js';

const STACK = 'Error: broken\n    at handler (/app/dist/rooms.js:10:5)';

describe('readNestArguments', () => {
  it('takes a trailing string as the context', () => {
    expect(readNestArguments('hello', ['RoomsService'], false)).toEqual({
      message: 'hello',
      fields: { context: 'RoomsService' },
    });
  });

  it('skips the undefined a Nest Logger passes before its context', () => {
    expect(
      readNestArguments('hello', [undefined, 'RoomsService'], true),
    ).toEqual({
      message: 'hello',
      fields: { context: 'RoomsService' },
    });
  });

  it('reads a stack before the context of an error', () => {
    expect(
      readNestArguments('broken', [STACK, 'ExceptionsHandler'], true),
    ).toEqual({
      message: 'broken',
      fields: {
        err: { name: 'Error', message: 'broken', stack: STACK },
        context: 'ExceptionsHandler',
      },
    });
  });

  it('reads a stack without a context', () => {
    expect(readNestArguments('broken', [STACK], true).fields).toEqual({
      err: { name: 'Error', message: 'broken', stack: STACK },
    });
  });

  it('treats a stack-like string of a non-error level as the context', () => {
    expect(readNestArguments('odd', [STACK], false).fields).toEqual({
      context: STACK,
    });
  });

  it('merges plain objects and keeps other arguments', () => {
    expect(
      readNestArguments(
        'joined',
        [{ roomId: 3 }, 42, { userId: 9 }, 'Rooms'],
        false,
      ),
    ).toEqual({
      message: 'joined',
      fields: { roomId: 3, userId: 9, params: [42], context: 'Rooms' },
    });
  });

  it('reads an object or an error as the message', () => {
    const error = new TypeError('bad');

    expect(
      readNestArguments({ message: 'structured', roomId: 1 }, [], false),
    ).toEqual({
      message: 'structured',
      fields: { roomId: 1 },
    });
    expect(readNestArguments(error, ['Rooms'], true)).toEqual({
      message: 'bad',
      fields: { err: error, context: 'Rooms' },
    });
  });
});

class AppModule {}
Reflect.decorate([Module({})], AppModule);

describe.each([
  {
    name: 'winston',
    create: (stream: CapturedStream) =>
      createWinstonLogger({ env: {}, otlp: false, stream, level: 'silly' }),
  },
  {
    name: 'pino',
    create: (stream: CapturedStream) =>
      createPinoLogger({ env: {}, stream, level: 'trace' }),
  },
])('NestLogger over $name', ({ create }) => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function startNest() {
    const stream = new CapturedStream();
    const app = await NestFactory.createApplicationContext(AppModule, {
      logger: new NestLogger(create(stream)),
    });
    close = () => app.close();
    return stream;
  }

  it("routes Nest's own logs with their context", async () => {
    const stream = await startNest();

    const lines = stream.lines();
    expect(lines.find((line) => line.context === 'NestFactory')?.message).toBe(
      'Starting Nest application...',
    );
    expect(
      lines.find((line) => line.context === 'InstanceLoader')?.message,
    ).toBe('AppModule dependencies initialized');
  });

  it('routes new Logger() calls at every level', async () => {
    const stream = await startNest();
    const logger = new Logger('RoomsService');

    logger.log('logged', { roomId: 3 });
    logger.warn('warned');
    logger.debug('debugged');
    logger.verbose('verbose');
    logger.error('failed', STACK);
    logger.fatal('fatal');

    const lines = stream
      .lines()
      .filter((line) => line.context === 'RoomsService');
    expect(lines.map((line) => line.message)).toEqual([
      'logged',
      'warned',
      'debugged',
      'verbose',
      'failed',
      'fatal',
    ]);
    expect(lines[0]).toMatchObject({ level: 'info', roomId: 3 });
    expect(lines[1]?.level).toMatch(/^warn/);
    expect((lines[4] as LogLine).err).toEqual({
      name: 'Error',
      message: 'failed',
      stack: STACK,
    });
    expect(['fatal', 'error']).toContain(lines[5]?.level);
  });

  it('honours setLogLevels', async () => {
    const stream = await startNest();
    const adapter = new NestLogger(create(stream));

    adapter.setLogLevels(['error']);
    adapter.log('dropped');
    adapter.error('kept');

    expect(
      stream
        .lines()
        .slice(-1)
        .map((line) => line.message),
    ).toEqual(['kept']);
    expect(stream.lines().some((line) => line.message === 'dropped')).toBe(
      false,
    );
  });
});

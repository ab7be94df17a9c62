import { context, ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  type ReadableSpan,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpException, NotFoundException } from '@nestjs/common';
import {
  ClientErrorTracer,
  findHttpException,
  isClientHttpException,
} from '../../src/instrumentations/nestjs-client-errors.js';

/** An error shaped like NestJS's `HttpException`. */
class FakeHttpException extends Error {
  constructor(private readonly status: unknown) {
    super(`status ${String(status)}`);
    this.name = 'FakeHttpException';
  }

  getStatus(): unknown {
    return this.status;
  }
}

interface RecordingTracer {
  tracer: ClientErrorTracer;
  ended: ReadableSpan[];
}

function recordingTracer(): RecordingTracer {
  const ended: ReadableSpan[] = [];
  const provider = new TracerProvider({
    spanProcessors: [
      {
        onStart: () => {},
        onEnd: (span) => ended.push(span),
        forceFlush: () => Promise.resolve(),
        shutdown: () => Promise.resolve(),
      },
    ],
  });
  const tracer = new ClientErrorTracer(provider.getTracer('test'), (exception) =>
    isClientHttpException(exception, FakeHttpException),
  );
  return { tracer, ended };
}

/** Fails a span the way the NestJS instrumentation does, and returns its status. */
function failSpan({ tracer, ended }: RecordingTracer, error: Error): ReadableSpan['status'] {
  const span = tracer.startSpan('handler');
  span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
  span.end();
  const exported = ended.at(-1);
  if (!exported) throw new Error('the span did not end');
  return exported.status;
}

describe('isClientHttpException', () => {
  it.each([
    [new FakeHttpException(400), true],
    [new FakeHttpException(499), true],
    [new FakeHttpException(399), false],
    [new FakeHttpException(500), false],
    [new FakeHttpException('404'), false],
    [new Error('plain'), false],
    ['404', false],
    [null, false],
  ])('judges %s as %s', (exception, expected) => {
    expect(isClientHttpException(exception, FakeHttpException)).toBe(expected);
  });

  it('is false for a look-alike of another class', () => {
    const lookAlike = Object.assign(new Error('duck'), { getStatus: () => 404 });

    expect(isClientHttpException(lookAlike, FakeHttpException)).toBe(false);
  });

  it('is false without the class', () => {
    expect(isClientHttpException(new FakeHttpException(404), undefined)).toBe(false);
  });

  it('is false when getStatus throws', () => {
    class BrokenException extends FakeHttpException {
      override getStatus(): unknown {
        throw new Error('broken');
      }
    }

    expect(isClientHttpException(new BrokenException(404), FakeHttpException)).toBe(false);
  });
});

describe('findHttpException', () => {
  it("loads the class of the application's @nestjs/common", () => {
    const found = findHttpException(['/', process.cwd()]);

    expect(found).toBe(HttpException);
    expect(isClientHttpException(new NotFoundException(), found)).toBe(true);
  });

  it('is undefined where NestJS is not installed', () => {
    expect(findHttpException(['/'])).toBeUndefined();
  });
});

describe('ClientErrorTracer', () => {
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  });

  afterAll(() => {
    context.disable();
  });

  it('keeps the status unset after a 4xx HttpException', () => {
    const recording = recordingTracer();

    expect(failSpan(recording, new FakeHttpException(404))).toEqual({
      code: SpanStatusCode.UNSET,
    });
    expect(recording.ended[0]?.events.map((event) => event.attributes?.['exception.type'])).toEqual([
      'FakeHttpException',
    ]);
  });

  it('marks 5xx and other errors', () => {
    const recording = recordingTracer();

    expect(failSpan(recording, new FakeHttpException(503))).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'status 503',
    });
    expect(failSpan(recording, new TypeError('bad'))).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'bad',
    });
  });

  it('supports every startActiveSpan form', () => {
    const { tracer, ended } = recordingTracer();
    const parent = tracer.startSpan('parent');
    const parentContext = trace.setSpan(ROOT_CONTEXT, parent);

    const active = [
      tracer.startActiveSpan('one', (span) => {
        span.end();
        return trace.getSpan(context.active()) === span;
      }),
      tracer.startActiveSpan('two', { attributes: { a: 1 } }, (span) => {
        span.end();
        return trace.getSpan(context.active()) === span;
      }),
      tracer.startActiveSpan('three', {}, parentContext, (span) => {
        span.end();
        return trace.getSpan(context.active()) === span;
      }),
    ];

    expect(active).toEqual([true, true, true]);
    const byName = Object.fromEntries(ended.map((span) => [span.name, span]));
    expect(byName.two?.attributes).toEqual({ a: 1 });
    expect(byName.three?.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(byName.one?.parentSpanContext).toBeUndefined();
  });

  it('returns unsampled spans unwrapped', () => {
    const provider = new TracerProvider({ sampler: new AlwaysOffSampler() });
    const inner = provider.getTracer('test');

    const span = new ClientErrorTracer(inner, () => true).startSpan('dropped');

    expect(span.isRecording()).toBe(false);
    expect(span.constructor).toBe(inner.startSpan('other').constructor);
  });
});

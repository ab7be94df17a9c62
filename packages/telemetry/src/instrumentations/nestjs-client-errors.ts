import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  type Context,
  context as contextApi,
  type Exception,
  type Link,
  type Span,
  type SpanAttributeValue,
  type SpanAttributes,
  type SpanContext,
  type SpanOptions,
  type SpanStatus,
  SpanStatusCode,
  type TimeInput,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import { findPackageChain } from './package-dir.js';

/**
 * A tracer for the NestJS instrumentation, whose spans keep an unset status
 * when the exception they record is an `HttpException` with a 4xx status,
 * such as a `NotFoundException`. The instrumentation marks every exception
 * as an error, but a 4xx is the client's error, and the HTTP server span of
 * the same request is not an error either. The exception event stays.
 *
 * NOTE: an error that an exception filter turns into a 4xx response, such as
 * a Prisma "record not found" mapped to 404, is not an `HttpException` when
 * it leaves the controller, so its NestJS spans stay errors.
 */
export class ClientErrorTracer implements Tracer {
  constructor(
    private readonly tracer: Tracer,
    private readonly isClientError: (exception: unknown) => boolean,
  ) {}

  startSpan(name: string, options?: SpanOptions, context?: Context): Span {
    const span = this.tracer.startSpan(name, options, context);
    return span.isRecording() ? new ClientErrorSpan(span, this.isClientError) : span;
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    options: SpanOptions,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    options: SpanOptions,
    context: Context,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    ...rest: [F] | [SpanOptions, F] | [SpanOptions, Context, F]
  ): ReturnType<F> {
    const fn = rest[rest.length - 1] as (span: Span) => ReturnType<F>;
    const options = rest.length > 1 ? (rest[0] as SpanOptions) : undefined;
    const parent = rest.length > 2 ? (rest[1] as Context) : contextApi.active();
    const span = this.startSpan(name, options, parent);
    return contextApi.with(trace.setSpan(parent, span), fn, undefined, span);
  }
}

type ExceptionClass = abstract new (...args: never[]) => unknown;

/**
 * Tells whether `exception` is an instance of `httpException` with a 4xx
 * status. NestJS's default exception filter responds with 500 to most other
 * exceptions, even those with a `getStatus` method, such as an
 * `HttpException` of a second copy of `@nestjs/common`.
 */
export function isClientHttpException(
  exception: unknown,
  httpException: ExceptionClass | undefined,
): boolean {
  if (!httpException || !(exception instanceof httpException)) return false;
  const getStatus = (exception as { getStatus?: unknown }).getStatus;
  if (typeof getStatus !== 'function') return false;
  try {
    const status: unknown = getStatus.call(exception);
    return typeof status === 'number' && status >= 400 && status < 500;
  } catch {
    return false;
  }
}

/**
 * Returns a check for client errors against the application's
 * `HttpException`, which it looks up at its first call, once the
 * application has loaded NestJS.
 */
export function clientErrorCheck(appDirs: readonly string[]): (exception: unknown) => boolean {
  let lookup: { found: ExceptionClass | undefined } | undefined;
  return (exception) => {
    lookup ??= { found: findHttpException(appDirs) };
    return isClientHttpException(exception, lookup.found);
  };
}

/**
 * Loads `HttpException` from the `@nestjs/common` that the application's
 * `@nestjs/core` imports, looking for `@nestjs/core` from each folder in
 * turn. Without it, every exception stays an error.
 */
export function findHttpException(appDirs: readonly string[]): ExceptionClass | undefined {
  for (const dir of appDirs) {
    const core = findPackageChain(['@nestjs/core'], dir);
    if (!core) continue;
    try {
      const common = createRequire(join(core, 'package.json'))('@nestjs/common') as {
        HttpException?: unknown;
      };
      if (typeof common.HttpException === 'function') {
        return common.HttpException as ExceptionClass;
      }
    } catch {
      // This `@nestjs/core` has no loadable `@nestjs/common`: try the next folder.
    }
  }
  return undefined;
}

/**
 * A span that forwards every call to the SDK's span, except an error status
 * set after a client error was recorded. The NestJS instrumentation records
 * the exception before it sets the status.
 */
class ClientErrorSpan implements Span {
  private clientError = false;

  constructor(
    private readonly span: Span,
    private readonly isClientError: (exception: unknown) => boolean,
  ) {}

  recordException(exception: Exception, time?: TimeInput): void {
    if (this.isClientError(exception)) this.clientError = true;
    this.span.recordException(exception, time);
  }

  setStatus(status: SpanStatus): this {
    if (!(this.clientError && status.code === SpanStatusCode.ERROR)) {
      this.span.setStatus(status);
    }
    return this;
  }

  spanContext(): SpanContext {
    return this.span.spanContext();
  }

  setAttribute(key: string, value: SpanAttributeValue): this {
    this.span.setAttribute(key, value);
    return this;
  }

  setAttributes(attributes: SpanAttributes): this {
    this.span.setAttributes(attributes);
    return this;
  }

  addEvent(
    name: string,
    attributesOrStartTime?: SpanAttributes | TimeInput,
    startTime?: TimeInput,
  ): this {
    this.span.addEvent(name, attributesOrStartTime, startTime);
    return this;
  }

  addLink(link: Link): this {
    this.span.addLink(link);
    return this;
  }

  addLinks(links: Link[]): this {
    this.span.addLinks(links);
    return this;
  }

  updateName(name: string): this {
    this.span.updateName(name);
    return this;
  }

  end(endTime?: TimeInput): void {
    this.span.end(endTime);
  }

  isRecording(): boolean {
    return this.span.isRecording();
  }
}

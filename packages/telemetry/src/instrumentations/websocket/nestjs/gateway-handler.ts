import { context, type Span, type Tracer, trace } from '@opentelemetry/api';
import { failureOf, recordFailure } from '../errors.js';
import { activeInboundMessage } from '../inbound-message.js';
import { isPromiseLike } from '../listeners.js';
import type { AnyFunction } from '../patching.js';

interface MetadataReflect {
  getMetadataKeys?(target: object): unknown[];
  getMetadata?(key: unknown, target: object): unknown;
  defineMetadata?(key: unknown, value: unknown, target: object): void;
}

/**
 * Wraps `WsContextCreator.prototype.create(instance, callback, moduleKey,
 * methodName, ...)`, which returns the function an adapter calls for each
 * message. The gateway method gets a handler span, and the returned
 * function keeps the message open while it runs.
 */
export function traceContextCreator(
  original: AnyFunction,
  tracer: () => Tracer,
): AnyFunction {
  return function create(
    this: unknown,
    instance: unknown,
    callback: unknown,
    moduleKey: unknown,
    methodName: unknown,
    ...rest: unknown[]
  ) {
    const traced =
      typeof callback === 'function'
        ? traceGatewayMethod(
            tracer,
            instance,
            callback as AnyFunction,
            methodName,
          )
        : callback;
    const handler: unknown = original.call(
      this,
      instance,
      traced,
      moduleKey,
      methodName,
      ...rest,
    );
    return typeof handler === 'function'
      ? holdMessageWhileRunning(handler as AnyFunction)
      : handler;
  };
}

/**
 * Wraps a gateway method in a handler span, a child of the active message
 * span. An error it throws or rejects with is recorded on both before it
 * reaches NestJS, whose exception filter turns it into an `exception`
 * event.
 */
function traceGatewayMethod(
  tracer: () => Tracer,
  instance: unknown,
  method: AnyFunction,
  methodName: unknown,
): AnyFunction {
  const gateway =
    (instance as { constructor?: { name?: string } })?.constructor?.name ??
    'Gateway';
  const callback = method.name || String(methodName);
  const name = `${gateway}.${callback}`;
  const attributes = {
    'nestjs.type': 'handler',
    'nestjs.controller': gateway,
    'nestjs.callback': callback,
  };

  const traced = function (this: unknown, ...args: unknown[]) {
    const span = tracer().startSpan(name, { attributes });
    const spanContext = trace.setSpan(context.active(), span);
    return context.with(spanContext, () =>
      runHandler(span, () => method.apply(this, args)),
    );
  };
  Object.defineProperty(traced, 'name', { value: method.name });
  copyMetadata(method, traced);
  return traced;
}

/**
 * Wraps the function NestJS builds around a gateway method (guards, pipes,
 * interceptors, exception filters) so that the active message stays open
 * until that function's promise settles: its listener returns at once.
 */
function holdMessageWhileRunning(handler: AnyFunction): AnyFunction {
  return function (this: unknown, ...args: unknown[]) {
    const release = activeInboundMessage()?.hold();
    if (!release) return handler.apply(this, args);

    let result: unknown;
    try {
      result = handler.apply(this, args);
    } catch (error) {
      release();
      throw error;
    }
    if (isPromiseLike(result)) void result.then(release, release);
    else release();
    return result;
  };
}

function runHandler(span: Span, run: () => unknown): unknown {
  const message = activeInboundMessage();
  const fail = (error: unknown) => {
    recordFailure(span, failureOf(error));
    message?.fail(error);
  };

  let result: unknown;
  try {
    result = run();
  } catch (error) {
    fail(error);
    span.end();
    throw error;
  }
  if (isPromiseLike(result)) {
    void result.then(
      () => span.end(),
      (error: unknown) => {
        fail(error);
        span.end();
      },
    );
  } else {
    span.end();
  }
  return result;
}

/**
 * Copies the decorator metadata of a gateway method (`@SubscribeMessage`,
 * `@UseGuards`, `@SetMetadata`, ...) to its wrapper: NestJS reads it from
 * the function it is handed, and guards read it through
 * `context.getHandler()`.
 */
function copyMetadata(from: AnyFunction, to: AnyFunction): void {
  const reflect = Reflect as MetadataReflect;
  for (const key of reflect.getMetadataKeys?.(from) ?? []) {
    reflect.defineMetadata?.(key, reflect.getMetadata?.(key, from), to);
  }
}

import { isError } from './shape.js';

/** A Nest log call turned into a message and context fields. */
export interface NestRecord {
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** Nest's own test for a stack trace among the arguments of `error()`. */
const STACK_LINE = /\n[ \t]+at .+:\d+:\d+/;
const STACK_HEADER = /^([A-Za-z_$][\w$]*): /;

/**
 * Reads the arguments of a Nest `LoggerService` call as Nest's
 * `ConsoleLogger` does. A trailing string is the context, the class name
 * that a `new Logger('Name')` appends. For `error` and `fatal`, a string
 * that looks like a stack trace is the stack. Plain objects become fields,
 * an `Error` becomes `err`, and any other argument is kept in `params`.
 */
export function readNestArguments(
  message: unknown,
  params: readonly unknown[],
  takesStack: boolean,
): NestRecord {
  const rest = [...params];
  const fields: Record<string, unknown> = {};
  const stack = takesStack ? takeStack(rest) : undefined;
  const context =
    typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
  const laterStack =
    takesStack && stack === undefined ? takeStack(rest) : undefined;

  const text = readMessage(message, fields);
  readParams(rest, fields);
  const trace = stack ?? laterStack;
  if (trace !== undefined && fields.err === undefined) {
    fields.err = errorFromStack(text, trace);
  }
  if (context !== undefined) fields.context = context;
  return { message: text, fields };
}

/** Takes a trailing stack trace, or the `undefined` Nest passes when there is none. */
function takeStack(rest: unknown[]): string | undefined {
  const last = rest.at(-1);
  if (rest.length === 0) return undefined;
  if (typeof last === 'string' && STACK_LINE.test(last)) {
    rest.pop();
    return last;
  }
  if (last === undefined) rest.pop();
  return undefined;
}

function readMessage(
  message: unknown,
  fields: Record<string, unknown>,
): string {
  if (typeof message === 'string') return message;
  if (isError(message)) {
    fields.err = message;
    return message.message;
  }
  if (isPlainObject(message)) {
    const { message: inner, ...others } = message;
    Object.assign(fields, others);
    return typeof inner === 'string' ? inner : '';
  }
  return message === undefined ? '' : String(message);
}

function readParams(
  rest: readonly unknown[],
  fields: Record<string, unknown>,
): void {
  const others: unknown[] = [];
  for (const param of rest) {
    if (param === undefined) continue;
    if (isError(param) && fields.err === undefined) fields.err = param;
    else if (isPlainObject(param)) Object.assign(fields, param);
    else others.push(param);
  }
  if (others.length > 0) fields.params = others;
}

function errorFromStack(
  message: string,
  stack: string,
): Record<string, string> {
  const name = STACK_HEADER.exec(stack)?.[1] ?? 'Error';
  return { name, message, stack };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Readers for the field values of a decoded OTLP request. Both decoders
 * produce the same object shape, with lowerCamelCase keys, and differ only in
 * how some values arrive:
 *
 * | field kind        | protobuf (protobufjs `toObject`) | OTLP/JSON              |
 * | ----------------- | -------------------------------- | ---------------------- |
 * | trace and span id | `Uint8Array`                     | hex string             |
 * | other bytes       | `Uint8Array`                     | base64 string          |
 * | 64-bit integer    | decimal string                   | string or number       |
 * | enum              | number                           | number (or value name) |
 * | double            | number                           | number, or "NaN" etc.  |
 *
 * Every reader takes the path of the value for its error message and treats
 * an absent value as the protobuf default.
 */

/** A request body that is not a valid OTLP export request. */
export class OtlpDecodeError extends Error {
  override name = 'OtlpDecodeError';
}

export type WireObject = Record<string, unknown>;

function fail(path: string, expected: string, value: unknown): never {
  const shown = typeof value === 'string' ? `"${value}"` : String(value);

  throw new OtlpDecodeError(`${path}: expected ${expected}, got ${shown}`);
}

function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

export function readObject(value: unknown, path: string): WireObject {
  if (isAbsent(value)) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    fail(path, 'an object', value);
  }
  return value as WireObject;
}

export function readArray(value: unknown, path: string): unknown[] {
  if (isAbsent(value)) return [];
  if (!Array.isArray(value)) fail(path, 'an array', value);
  return value;
}

export function readString(value: unknown, path: string): string {
  if (isAbsent(value)) return '';
  if (typeof value !== 'string') fail(path, 'a string', value);
  return value;
}

export function readBoolean(value: unknown, path: string): boolean {
  if (isAbsent(value)) return false;
  if (typeof value !== 'boolean') fail(path, 'a boolean', value);
  return value;
}

export function readBigInt(value: unknown, path: string): bigint {
  if (isAbsent(value)) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) {
    return BigInt(value);
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    return BigInt(value);
  }
  return fail(path, 'an integer', value);
}

/** Reads a 32-bit integer, or a 64-bit count that fits a JS number. */
export function readInteger(value: unknown, path: string): number {
  return Number(readBigInt(value, path));
}

const SPECIAL_DOUBLES: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};

export function readDouble(value: unknown, path: string): number {
  if (isAbsent(value)) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const special = SPECIAL_DOUBLES[value];

    if (special !== undefined) return special;
    if (value.trim() !== '' && Number.isFinite(Number(value))) {
      return Number(value);
    }
  }
  return fail(path, 'a number', value);
}

/**
 * Reads an enum as its number. `names` lists the value names by number, so a
 * JSON sender that wrote a name instead of the number is understood too.
 */
export function readEnum(
  value: unknown,
  names: readonly string[],
  path: string,
): number {
  if (typeof value === 'string' && names.includes(value)) {
    return names.indexOf(value);
  }
  return readInteger(value, path);
}

/** Reads a trace or span id as lowercase hex, or '' when absent. */
export function readId(value: unknown, path: string): string {
  if (isAbsent(value)) return '';
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (typeof value === 'string' && /^([0-9a-fA-F]{2})*$/.test(value)) {
    return value.toLowerCase();
  }
  return fail(path, 'a hex id', value);
}

/** Reads a `bytes` field other than an id as a plain `Uint8Array`. */
export function readBytes(value: unknown, path: string): Uint8Array {
  if (isAbsent(value)) return new Uint8Array();
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (typeof value === 'string' && /^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) {
    return new Uint8Array(Buffer.from(value, 'base64'));
  }
  return fail(path, 'base64 bytes', value);
}

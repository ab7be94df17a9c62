import type { AttributeMap, ReceivedScope } from '../types.js';
import {
  readArray,
  readBigInt,
  readBoolean,
  readBytes,
  readDouble,
  readObject,
  readString,
} from './wire-values.js';

function toSafeNumber(value: bigint): number | bigint {
  const isSafe =
    value >= BigInt(Number.MIN_SAFE_INTEGER) &&
    value <= BigInt(Number.MAX_SAFE_INTEGER);

  return isSafe ? Number(value) : value;
}

/**
 * Turns an OTLP `AnyValue` into one of the JavaScript values listed on
 * `AttributeMap`.
 */
export function readAnyValue(value: unknown, path: string): unknown {
  const any = readObject(value, path);

  if ('stringValue' in any) {
    return readString(any.stringValue, `${path}.stringValue`);
  }
  if ('boolValue' in any) {
    return readBoolean(any.boolValue, `${path}.boolValue`);
  }
  if ('intValue' in any) {
    return toSafeNumber(readBigInt(any.intValue, `${path}.intValue`));
  }
  if ('doubleValue' in any) {
    return readDouble(any.doubleValue, `${path}.doubleValue`);
  }
  if ('bytesValue' in any) {
    return readBytes(any.bytesValue, `${path}.bytesValue`);
  }
  if ('arrayValue' in any) {
    return readArrayValue(any.arrayValue, `${path}.arrayValue`);
  }
  if ('kvlistValue' in any) {
    const list = readObject(any.kvlistValue, `${path}.kvlistValue`);

    return readAttributes(list.values, `${path}.kvlistValue.values`);
  }
  return null;
}

function readArrayValue(value: unknown, path: string): unknown[] {
  const values = readArray(readObject(value, path).values, `${path}.values`);

  return values.map((item, index) =>
    readAnyValue(item, `${path}.values[${index}]`),
  );
}

/**
 * Turns a list of OTLP `KeyValue`s into an object. A key repeated in the list
 * keeps its last value.
 */
export function readAttributes(value: unknown, path: string): AttributeMap {
  const attributes: AttributeMap = {};

  readArray(value, path).forEach((item, index) => {
    const entry = readObject(item, `${path}[${index}]`);
    const key = readString(entry.key, `${path}[${index}].key`);

    attributes[key] = readAnyValue(entry.value, `${path}[${index}].value`);
  });
  return attributes;
}

export function readResource(value: unknown, path: string): AttributeMap {
  const resource = readObject(value, path);

  return readAttributes(resource.attributes, `${path}.attributes`);
}

export function readScope(value: unknown, path: string): ReceivedScope {
  const scope = readObject(value, path);
  const received: ReceivedScope = {
    name: readString(scope.name, `${path}.name`),
  };
  const version = readString(scope.version, `${path}.version`);
  const attributes = readAttributes(scope.attributes, `${path}.attributes`);

  if (version !== '') received.version = version;
  if (Object.keys(attributes).length > 0) received.attributes = attributes;
  return received;
}

import type { OtlpEncoding, OtlpSignal } from '../types.js';
import { exportRequestTypes } from './schema.js';
import { OtlpDecodeError, readObject, type WireObject } from './wire-values.js';

/**
 * Options for protobufjs `toObject`: 64-bit integers as decimal strings (a
 * JS number would lose precision), enums as numbers, `bytes` left as
 * `Uint8Array`, and no default values, so that presence stays visible.
 */
const TO_OBJECT_OPTIONS = {
  longs: String,
  enums: Number,
  defaults: false,
  arrays: false,
  oneofs: false,
} as const;

function decodeProtobuf(signal: OtlpSignal, body: Uint8Array): WireObject {
  const type = exportRequestTypes[signal];

  try {
    return type.toObject(type.decode(body), TO_OBJECT_OPTIONS);
  } catch (error) {
    throw new OtlpDecodeError(
      `invalid protobuf ${type.name}: ${(error as Error).message}`,
    );
  }
}

function decodeJson(body: Uint8Array): WireObject {
  let parsed: unknown;

  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    throw new OtlpDecodeError(`invalid JSON: ${(error as Error).message}`);
  }
  return readObject(parsed, 'request');
}

/**
 * Decodes an uncompressed export request body into an object whose keys are
 * the OTLP/JSON field names, whichever the encoding.
 */
export function decodeExportRequest(
  signal: OtlpSignal,
  encoding: OtlpEncoding,
  body: Uint8Array,
): WireObject {
  return encoding === 'protobuf'
    ? decodeProtobuf(signal, body)
    : decodeJson(body);
}

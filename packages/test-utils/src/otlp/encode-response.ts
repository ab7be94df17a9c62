import type { OtlpEncoding, OtlpSignal } from '../types.js';
import { exportResponseTypes, rpcStatusType } from './schema.js';

/** `google.rpc.Code` values used in error bodies. */
export const RpcCode = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  UNIMPLEMENTED: 12,
  UNAVAILABLE: 14,
} as const;

export interface EncodedBody {
  contentType: string;
  body: Uint8Array;
}

export const CONTENT_TYPES: Record<OtlpEncoding, string> = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
};

function encode(
  encoding: OtlpEncoding,
  type: (typeof exportResponseTypes)[OtlpSignal],
  value: Record<string, unknown>,
): EncodedBody {
  const body =
    encoding === 'protobuf'
      ? type.encode(type.fromObject(value)).finish()
      : new TextEncoder().encode(JSON.stringify(value));

  return { contentType: CONTENT_TYPES[encoding], body };
}

/** Encodes the empty `Export*ServiceResponse` that means full success. */
export function encodeExportResponse(
  signal: OtlpSignal,
  encoding: OtlpEncoding,
): EncodedBody {
  return encode(encoding, exportResponseTypes[signal], {});
}

/** Encodes a `google.rpc.Status`, the body of an OTLP/HTTP error response. */
export function encodeRpcStatus(
  encoding: OtlpEncoding,
  code: number,
  message: string,
): EncodedBody {
  return encode(encoding, rpcStatusType, { code, message });
}

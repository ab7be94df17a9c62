import { countExportItems } from '../otlp/count-items.js';
import { decodeExportRequest } from '../otlp/decode-request.js';
import {
  encodeExportResponse,
  encodeRpcStatus,
  RpcCode,
} from '../otlp/encode-response.js';
import {
  normalizeRequest,
  type NormalizedRequest,
} from '../otlp/normalize-request.js';
import { OtlpDecodeError } from '../otlp/wire-values.js';
import type { OtlpEncoding, OtlpSignal, ReceiverMode } from '../types.js';
import { decompressBody } from './read-body.js';

/** The parts of one HTTP request that the receiver reads. */
export interface IncomingExport {
  method: string;
  path: string;
  contentType: string | null;
  signal: OtlpSignal | undefined;
  encoding: OtlpEncoding | undefined;
  contentEncoding: string | null;
  body: Buffer;
}

export interface ReceiverResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  /** The `google.rpc.Status` message of an error response. */
  error?: string;
  /** The decoded telemetry, on a 200 response outside `discard` mode. */
  accepted?: NormalizedRequest;
  /** How many items the request carried, on a 200 response. */
  itemCount?: number;
}

/**
 * Builds an error response whose body is a `google.rpc.Status`, which
 * OTLP/HTTP requires for every 4xx and 5xx response. The body uses the
 * request's encoding, or protobuf when the request's is unknown.
 */
function errorResponse(
  status: number,
  encoding: OtlpEncoding | undefined,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): ReceiverResponse {
  const encoded = encodeRpcStatus(encoding ?? 'protobuf', code, message);

  return {
    status,
    headers: { 'content-type': encoded.contentType, ...headers },
    body: encoded.body,
    error: message,
  };
}

/**
 * Responds with 200 and what `read` makes of the decompressed body, or with
 * 400 when the body does not decode.
 */
async function readAndRespond(
  signal: OtlpSignal,
  encoding: OtlpEncoding,
  incoming: IncomingExport,
  read: (body: Buffer) => Pick<ReceiverResponse, 'accepted' | 'itemCount'>,
): Promise<ReceiverResponse> {
  try {
    const body = await decompressBody(incoming.body, incoming.contentEncoding);
    const outcome = read(body);
    const response = encodeExportResponse(signal, encoding);

    return {
      status: 200,
      headers: { 'content-type': response.contentType },
      body: response.body,
      ...outcome,
    };
  } catch (error) {
    if (!(error instanceof OtlpDecodeError)) throw error;
    return errorResponse(
      400,
      encoding,
      RpcCode.INVALID_ARGUMENT,
      error.message,
    );
  }
}

/** Responds to a request that is not a POST to a signal path. */
function rejectNonExport(incoming: IncomingExport): ReceiverResponse {
  if (incoming.signal === undefined) {
    return errorResponse(
      404,
      incoming.encoding,
      RpcCode.NOT_FOUND,
      `${incoming.path} not found, OTLP paths are /v1/{traces,metrics,logs}`,
    );
  }
  return errorResponse(
    405,
    incoming.encoding,
    RpcCode.UNIMPLEMENTED,
    `method ${incoming.method} not allowed, use POST`,
    { allow: 'POST' },
  );
}

/** Builds the response that a failure mode prescribes. */
function failureModeResponse(
  mode: 'refuse' | 'reject',
  encoding: OtlpEncoding | undefined,
): ReceiverResponse {
  const message = `the receiver is in "${mode}" mode`;

  return mode === 'refuse'
    ? errorResponse(503, encoding, RpcCode.UNAVAILABLE, message)
    : errorResponse(400, encoding, RpcCode.INVALID_ARGUMENT, message);
}

/**
 * Decides the response to one request. Returns null when the mode is `hang`
 * and the request must get no response at all.
 */
export async function decideResponse(
  incoming: IncomingExport,
  mode: ReceiverMode,
): Promise<ReceiverResponse | null> {
  const { signal, encoding } = incoming;

  if (signal === undefined || incoming.method !== 'POST') {
    return rejectNonExport(incoming);
  }
  if (mode === 'hang') return null;
  if (mode === 'refuse' || mode === 'reject') {
    return failureModeResponse(mode, encoding);
  }
  if (encoding === undefined) {
    return errorResponse(
      415,
      undefined,
      RpcCode.INVALID_ARGUMENT,
      `unsupported Content-Type "${incoming.contentType ?? ''}", ` +
        'use application/x-protobuf or application/json',
    );
  }
  if (mode === 'discard') {
    return readAndRespond(signal, encoding, incoming, (body) => ({
      itemCount: countExportItems(signal, encoding, body),
    }));
  }
  return readAndRespond(signal, encoding, incoming, (body) => {
    const accepted = normalizeRequest(
      signal,
      decodeExportRequest(signal, encoding, body),
    );
    return { accepted, itemCount: accepted.items.length };
  });
}

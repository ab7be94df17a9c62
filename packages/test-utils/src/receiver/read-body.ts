import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';

import { OtlpDecodeError } from '../otlp/wire-values.js';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

/** Reads the whole request body as sent, before any decompression. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];

  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Undoes the `Content-Encoding` of a body. OTLP/HTTP defines `gzip`, and
 * `deflate` (zlib) is accepted too.
 */
export async function decompressBody(
  body: Buffer,
  contentEncoding: string | null,
): Promise<Buffer> {
  const coding = (contentEncoding ?? 'identity').trim().toLowerCase();

  try {
    if (coding === 'gzip' || coding === 'x-gzip')
      return await gunzipAsync(body);
    if (coding === 'deflate') return await inflateAsync(body);
  } catch (error) {
    throw new OtlpDecodeError(
      `invalid ${coding} body: ${(error as Error).message}`,
    );
  }
  if (coding === 'identity' || coding === '') return body;
  throw new OtlpDecodeError(`unsupported Content-Encoding "${coding}"`);
}

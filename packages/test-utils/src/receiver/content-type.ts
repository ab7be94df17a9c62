import type { OtlpEncoding } from '../types.js';

/**
 * Maps a `Content-Type` header to the OTLP encoding it names, ignoring
 * parameters such as `charset`; undefined for any other media type.
 */
export function encodingOf(
  contentType: string | null,
): OtlpEncoding | undefined {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();

  if (mediaType === 'application/x-protobuf') return 'protobuf';
  if (mediaType === 'application/json') return 'json';
  return undefined;
}

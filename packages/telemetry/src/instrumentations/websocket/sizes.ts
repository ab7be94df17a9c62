/**
 * Returns the size in bytes of a message as the libraries pass it around:
 * a string (UTF-8), a `Buffer`, `ArrayBuffer` or typed array, a `Blob`, or
 * an array of those (a fragmented `ws` message, a socket.io packet with
 * binary attachments).
 */
export function byteLength(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    return data.byteLength;
  }
  if (Array.isArray(data)) {
    return data.reduce((sum: number, part) => sum + byteLength(part), 0);
  }
  if (typeof data === 'number') return String(data).length;
  if (data instanceof Blob) return data.size;
  return 0;
}

/** Returns `url` with its password replaced by `***`, for logs and errors. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') {
      parsed.password = '***';
    }
    return parsed.href;
  } catch {
    // Not parseable as a URL, so mask anything shaped like user:password@.
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

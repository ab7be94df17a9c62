import { Document } from 'yaml';

/**
 * Renders a value as YAML under a comment header, with long expressions
 * kept on their lines (no folding) and multi-line strings as block
 * literals, the way rule files are written by hand.
 */
export function renderYaml(value: unknown, header: readonly string[]): string {
  const document = new Document(value);
  document.commentBefore = header.map((line) => ` ${line}`).join('\n');
  return document.toString({ lineWidth: 0, blockQuote: 'literal' });
}

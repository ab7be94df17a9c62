import { sep } from 'node:path';

const NODE_MODULES = '/node_modules/';

/** `@scope/name/file.js` → `@scope/name`, `node:fs/promises` → `fs`. */
export function packageOfSpecifier(specifier: string): string {
  const id = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  const end = id.indexOf('/', id.startsWith('@') ? id.indexOf('/') + 1 : 0);
  return end === -1 ? id : id.slice(0, end);
}

/**
 * Returns the package of a file, from its last `node_modules` folder (pnpm's
 * `.pnpm/x@1/node_modules/x/` included); `''` for a file outside one.
 */
export function packageOfPath(path: string): string {
  const posix = sep === '\\' ? path.replaceAll('\\', '/') : path;
  const start = posix.lastIndexOf(NODE_MODULES);
  if (start === -1) return '';
  return packageOfSpecifier(posix.slice(start + NODE_MODULES.length));
}

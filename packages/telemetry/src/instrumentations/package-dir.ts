import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Looks for `node_modules/<name>` from `fromDir` upwards, as Node.js does for
 * a bare specifier. Reading the folder instead of resolving the specifier
 * also finds ES-module-only packages and packages whose `exports` hide
 * `package.json`. Returns the real path, so that pnpm's links are followed.
 */
export function findPackageDir(name: string, fromDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);

    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Follows a chain of packages, each found from the folder of the one
 * before, such as `@nestjs/platform-express` then `express`. Returns the
 * folder of the last one.
 */
export function findPackageChain(
  chain: readonly string[],
  fromDir: string,
): string | undefined {
  let dir: string | undefined = fromDir;
  for (const name of chain) {
    dir = findPackageDir(name, dir);
    if (!dir) return undefined;
  }
  return dir;
}

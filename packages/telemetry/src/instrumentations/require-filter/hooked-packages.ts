import { dirname, resolve, sep } from 'node:path';
import { packageOfPath, packageOfSpecifier } from '../package-names.js';

const DOT = 0x2e;
const SLASH = 0x2f;

/**
 * Set of the packages that CommonJS instrumentations patch. `mayLoad` reads
 * paths as strings and never touches the file system, so it costs less than
 * the resolution that `require-in-the-middle` runs on every call.
 */
export class HookedPackages {
  private readonly names = new Set<string>();
  /** The package of each requiring file, `''` outside `node_modules`. */
  private readonly parents = new Map<string, string>();

  /** Adds the package of a module name such as `express`, `node:http` or `ws/lib/websocket.js`. */
  add(moduleName: string): void {
    this.names.add(packageOfSpecifier(moduleName));
  }

  /**
   * False only when `id`, required from the file `parent`, surely resolves
   * outside every hooked package: a bare specifier of another package, or a
   * relative path that stays inside a package that is not hooked.
   */
  mayLoad(id: unknown, parent: string | undefined): boolean {
    if (typeof id !== 'string' || id === '') return true;
    const first = id.charCodeAt(0);
    if (first === DOT) return this.mayLoadRelative(id, parent);
    if (first === SLASH || isWindowsPath(id)) return this.isHookedFile(id);
    // `#name` comes from the `imports` of the requiring package, which can
    // map it to any package.
    if (id.startsWith('#')) return true;
    return this.names.has(packageOfSpecifier(id));
  }

  private mayLoadRelative(id: string, parent: string | undefined): boolean {
    if (parent === undefined) return true;
    if (this.names.has(this.packageOfParent(parent))) return true;
    // `../` can climb out of the requiring package into another one.
    if (id.startsWith('..') || id.includes('node_modules')) {
      return this.isHookedFile(resolve(dirname(parent), id));
    }
    return false;
  }

  private isHookedFile(path: string): boolean {
    return this.names.has(packageOfPath(path));
  }

  private packageOfParent(parent: string): string {
    let name = this.parents.get(parent);
    if (name === undefined) {
      name = packageOfPath(parent);
      this.parents.set(parent, name);
    }
    return name;
  }
}

function isWindowsPath(id: string): boolean {
  return sep === '\\' && /^[A-Za-z]:[\\/]/.test(id);
}

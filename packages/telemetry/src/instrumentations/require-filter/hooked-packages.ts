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
   * Tells from the written `id` alone whether a `require(id)` from the file
   * `parent` may load a hooked package. It is false for a bare specifier of
   * another package and for a relative path that stays inside a package
   * that is not hooked. An npm alias or a symbolic link can still lead such
   * an `id` into a hooked package, so a caller checks the loaded file with
   * `containsFile` as well.
   */
  mayLoad(id: unknown, parent: unknown): boolean {
    if (typeof id !== 'string' || id === '') return true;
    const first = id.charCodeAt(0);
    if (first === DOT) return this.mayLoadRelative(id, parent);
    if (first === SLASH || isWindowsPath(id)) return this.containsFile(resolve(id));
    // `#name` comes from the `imports` of the requiring package, which can
    // map it to any package.
    if (id.startsWith('#')) return true;
    return this.names.has(packageOfSpecifier(id));
  }

  /** Tells whether a file lies inside a hooked package. */
  containsFile(path: string): boolean {
    return this.names.has(packageOfPath(path));
  }

  private mayLoadRelative(id: string, parent: unknown): boolean {
    // The REPL's module has no file name.
    if (typeof parent !== 'string') return true;
    if (this.names.has(this.packageOfParent(parent))) return true;
    // `..` can climb out of the requiring package into another one.
    if (id.includes('..') || id.includes('node_modules')) {
      return this.containsFile(resolve(dirname(parent), id));
    }
    return false;
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

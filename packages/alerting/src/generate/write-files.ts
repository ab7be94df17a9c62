import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GeneratedFile } from './artifacts.js';

/** Writes each file under `folder`, creating folders as needed. */
export function writeFiles(folder: string, files: readonly GeneratedFile[]) {
  for (const file of files) {
    const path = join(folder, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}

/** Returns the paths of the files whose copy under `folder` differs. */
export function staleFiles(
  folder: string,
  files: readonly GeneratedFile[],
): string[] {
  return files
    .filter((file) => {
      const path = join(folder, file.path);
      return !existsSync(path) || readFileSync(path, 'utf8') !== file.content;
    })
    .map((file) => file.path);
}

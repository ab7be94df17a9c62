import { readFile } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { join } from 'node:path';

/** The memory limit the process runs under, and where it came from. */
export interface MemoryLimit {
  readonly bytes: number;
  /** `cgroup v2`, `cgroup v1`, or `host` when no cgroup limit applies. */
  readonly source: 'cgroup v2' | 'cgroup v1' | 'host';
  /** The reason the host's memory is used, when it is. */
  readonly note?: string;
}

/** The cgroup files holding the memory limit, relative to the cgroup root. */
const LIMIT_FILES = [
  { source: 'cgroup v2', path: 'memory.max' },
  { source: 'cgroup v1', path: join('memory', 'memory.limit_in_bytes') },
] as const;

/**
 * Reads the container's memory limit from the cgroup v2 `memory.max` or
 * the cgroup v1 `memory/memory.limit_in_bytes` under `cgroupRoot`. It falls
 * back to `os.totalmem()` when neither file exists, or when the limit is
 * `max` or above the host's memory (cgroup v1 writes about 2^63 for none).
 *
 * NOTE: the files are read at the root of the cgroup mount, which is the
 * container's own cgroup under a cgroup namespace (Docker, Kubernetes).
 * Without one, such as a process in a systemd slice on a plain host, the
 * root has no limit and the host's memory is used.
 */
export async function readMemoryLimit(
  cgroupRoot: string,
): Promise<MemoryLimit> {
  const host = totalmem();
  for (const file of LIMIT_FILES) {
    // A missing file means this cgroup version is not mounted.
    const text = await readFile(join(cgroupRoot, file.path), 'utf8').catch(
      () => undefined,
    );
    if (text === undefined) continue;

    const value = text.trim();
    const bytes = Number(value);
    if (
      value === 'max' ||
      !Number.isFinite(bytes) ||
      bytes <= 0 ||
      bytes >= host
    ) {
      return {
        bytes: host,
        source: 'host',
        note: `${file.source} sets no memory limit (${value}), so the host's memory is used`,
      };
    }
    return { bytes, source: file.source };
  }
  return {
    bytes: host,
    source: 'host',
    note: "no cgroup memory limit file was found, so the host's memory is used",
  };
}

import { execFile } from 'node:child_process';

/** The outcome of a command-line tool run to its end. */
export interface ToolRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a tool with arguments and resolves with its exit code and output. */
export function runTool(
  path: string,
  args: readonly string[],
  options: { cwd?: string; timeoutMillis?: number } = {},
): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    execFile(
      path,
      [...args],
      { cwd: options.cwd, timeout: options.timeoutMillis ?? 60_000 },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({
          code: error === null ? 0 : Number(error.code),
          stdout,
          stderr,
        });
      },
    );
  });
}

/** Describes a run for an assertion message. */
export function describeRun(run: ToolRun): string {
  return `exit code ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
}

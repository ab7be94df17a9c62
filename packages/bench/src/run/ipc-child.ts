import { type ChildProcess, spawn } from 'node:child_process';

/** The command line, environment and folder of a child process. */
export interface ChildSpec {
  /** A program that runs Node.js, with its options, such as valgrind. */
  readonly wrapper?: readonly string[];
  readonly nodeArgs: readonly string[];
  readonly script: string;
  /** The child's whole environment apart from `PATH` and `HOME`. */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
}

/** Characters of stderr kept for error messages. */
const STDERR_TAIL_CHARS = 4_000;

/** Children still running, killed when this process exits in any way. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * A Node.js child process with an IPC channel. Messages carry a `type`, and
 * a caller waits for the next message of a type. A child that exits first
 * rejects the wait with the end of its stderr.
 */
export class IpcChild {
  readonly exited: Promise<void>;
  private readonly process: ChildProcess;
  private stderrTail = '';
  private readonly inbox: { type: string }[] = [];
  private readonly waiting = new Set<() => void>();
  private exitDescription: string | undefined;

  constructor(spec: ChildSpec) {
    const [command, ...args] = [
      ...(spec.wrapper ?? []),
      process.execPath,
      ...spec.nodeArgs,
      spec.script,
    ];
    this.process = spawn(command as string, args, {
      cwd: spec.cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...spec.env,
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    running.add(this.process);
    this.process.stderr?.setEncoding('utf8');
    this.process.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    this.process.on('message', (message: { type: string }) => {
      this.inbox.push(message);
      this.wake();
    });
    this.exited = new Promise((resolve) => {
      this.process.once('exit', (code, signal) => {
        running.delete(this.process);
        this.exitDescription = `exited with ${signal ?? `code ${code}`}`;
        this.wake();
        resolve();
      });
    });
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  get stderr(): string {
    return this.stderrTail;
  }

  send(message: object): void {
    if (this.process.connected) this.process.send(message);
  }

  /** Sends `message` and waits for the child's message of `replyType`. */
  async request<T>(
    message: object,
    replyType: string,
    timeoutMillis: number,
  ): Promise<T> {
    this.send(message);
    return this.next<T>(replyType, timeoutMillis);
  }

  /** Waits for the next message of `type`, including one already received. */
  next<T>(type: string, timeoutMillis: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          settle(() =>
            reject(
              this.failure(`no "${type}" message within ${timeoutMillis} ms`),
            ),
          ),
        timeoutMillis,
      );
      const settle = (finish: () => void) => {
        clearTimeout(timer);
        this.waiting.delete(check);
        finish();
      };
      const check = () => {
        const index = this.inbox.findIndex((message) => message.type === type);
        if (index !== -1) {
          const [message] = this.inbox.splice(index, 1);
          settle(() => resolve(message as T));
        } else if (this.exitDescription !== undefined) {
          settle(() =>
            reject(
              this.failure(
                `${this.exitDescription} before a "${type}" message`,
              ),
            ),
          );
        }
      };
      this.waiting.add(check);
      check();
    });
  }

  /** Sends `signal`, then SIGKILL after `graceMillis`, and waits for the exit. */
  async stop(
    signal: NodeJS.Signals = 'SIGKILL',
    graceMillis = 0,
  ): Promise<void> {
    if (this.exitDescription !== undefined) return;

    this.process.kill(signal);
    if (signal !== 'SIGKILL') {
      const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMillis);
      await this.exited;
      clearTimeout(timer);
      return;
    }
    await this.exited;
  }

  private wake(): void {
    for (const check of [...this.waiting]) check();
  }

  private failure(reason: string): Error {
    return new Error(
      `child ${this.pid} (${this.process.spawnargs.slice(1).join(' ')}): ${reason}\n${this.stderrTail}`,
    );
  }
}

import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

import { runFixture, stopAllFixtures, waitForUrl } from '../src/index.js';

function fixturePath(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('runFixture', () => {
  afterEach(async () => {
    await stopAllFixtures();
  });

  it('passes only the given environment', async () => {
    const fixture = await runFixture({
      args: [fixturePath('print-env.mjs')],
      env: { SEDA_MODE: 'test', HOME: '/tmp/seda-home' },
    });
    const exit = await fixture.exited;
    const env = JSON.parse(exit.stdout) as Record<string, string>;

    expect(exit.code).toBe(0);
    expect(env.SEDA_MODE).toBe('test');
    expect(env.HOME).toBe('/tmp/seda-home');
    expect(env.PATH).toBe(process.env.PATH);
    // vitest sets VITEST in this process; the child must not inherit it.
    expect(process.env.VITEST).toBeDefined();
    expect(env.VITEST).toBeUndefined();
  });

  it('captures stderr and the exit code', async () => {
    const fixture = await runFixture({
      args: [fixturePath('print-env.mjs')],
      env: { EXIT_CODE: '3' },
    });
    const exit = await fixture.exited;

    expect(exit).toMatchObject({ code: 3, signal: null, timedOut: false });
    expect(exit.stderr).toBe('env printed\n');
    expect(fixture.stderr()).toBe('env printed\n');
  });

  it('finds the printed URL and stops on SIGTERM', async () => {
    const fixture = await runFixture({
      args: [fixturePath('http-server.mjs')],
    });
    const url = await waitForUrl(fixture);
    const response = await fetch(url);

    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toBe('/health');
    expect(await response.text()).toBe('ok');

    const exit = await fixture.stop();

    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain('stopping');
  });

  it('takes the URL from a capture group', async () => {
    const fixture = await runFixture({
      args: [fixturePath('http-server.mjs')],
    });
    const url = await waitForUrl(fixture, /listening on (\S+?)\/health/);

    expect(url.pathname).toBe('/');
  });

  it('rejects a wait when the child exits first', async () => {
    const fixture = await runFixture({ args: [fixturePath('print-env.mjs')] });

    await expect(
      fixture.waitForOutput(/never printed/, { stream: 'stderr' }),
    ).rejects.toThrow(
      /did not appear on stderr: the child exited \(code 0, signal null\) first[\s\S]*env printed/,
    );
  });

  it('rejects a wait that times out', async () => {
    const fixture = await runFixture({
      args: [fixturePath('ignore-sigterm.mjs')],
    });

    await fixture.waitForOutput(/ready/);
    await expect(
      fixture.waitForOutput(/never printed/, { timeoutMillis: 50 }),
    ).rejects.toThrow(/timed out after 50 ms\.\n--- stdout ---\nready/);
    expect((await fixture.stop('SIGKILL')).signal).toBe('SIGKILL');
  });

  it('escalates stop to SIGKILL after the grace time', async () => {
    const fixture = await runFixture({
      args: [fixturePath('ignore-sigterm.mjs')],
    });

    await fixture.waitForOutput(/ready/);
    const exit = await fixture.stop('SIGTERM', { graceMillis: 300 });

    expect(exit.signal).toBe('SIGKILL');
    expect(exit.stdout).toContain('SIGTERM ignored');
  });

  it('kills the child when its time runs out', async () => {
    const fixture = await runFixture({
      args: [fixturePath('ignore-sigterm.mjs')],
      timeoutMillis: 200,
    });
    const exit = await fixture.exited;

    expect(exit).toMatchObject({ signal: 'SIGKILL', timedOut: true });
    expect(isAlive(fixture.pid)).toBe(false);
  });

  it('stopAllFixtures ends every live child', async () => {
    const first = await runFixture({ args: [fixturePath('http-server.mjs')] });
    const second = await runFixture({ args: [fixturePath('http-server.mjs')] });

    await Promise.all([waitForUrl(first), waitForUrl(second)]);
    await stopAllFixtures();

    expect(isAlive(first.pid)).toBe(false);
    expect(isAlive(second.pid)).toBe(false);
  });

  it('rejects a command that does not exist', async () => {
    await expect(
      runFixture({ command: '/nonexistent/seda-binary', args: [] }),
    ).rejects.toThrow(/ENOENT/);
  });
});

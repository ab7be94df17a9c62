import { describe, expect, it } from 'vitest';
import { runFixture } from '@seda/test-utils';
import { reportDisabledByEnvironment } from '../../src/config/disabled.js';
import { exportEnv, FIXTURES } from '../support/fixtures.js';
import { useReceiver } from '../support/receiver.js';

const receiver = useReceiver();

// Sends a request that the HTTP instrumentation traces, then prints the
// loaded files of the SDK's start and of OpenTelemetry.
const APP = `
const http = require('node:http');
const server = http.createServer((req, res) => res.end('ok'));
server.listen(0, '127.0.0.1', async () => {
  await fetch('http://127.0.0.1:' + server.address().port + '/rooms/1');
  server.close();
  const sdk = globalThis.loaded.filter((url) => /opentelemetry|telemetry\\/dist\\/start/.test(url));
  console.log(JSON.stringify(sdk));
});`;

async function runPreloaded(flag: '--import' | '--require', env: Record<string, string>) {
  const fixture = await runFixture({
    args: ['--require', `${FIXTURES}record-loads.cjs`, flag, '@seda/telemetry/register', '-e', APP],
    env: exportEnv(receiver(), env),
    cwd: FIXTURES,
  });
  const exit = await fixture.exited;
  expect(exit.code).toBe(0);
  return { loaded: JSON.parse(exit.stdout.trim()) as string[], stderr: exit.stderr };
}

describe.each(['--import', '--require'] as const)('OTEL_SDK_DISABLED under %s', (flag) => {
  it('loads nothing and logs it', async () => {
    const { loaded, stderr } = await runPreloaded(flag, { OTEL_SDK_DISABLED: ' TRUE ' });

    expect(loaded).toEqual([]);
    expect(stderr).toContain(
      '@seda/telemetry/sdk info: disabled by OTEL_SDK_DISABLED=true: nothing is traced, measured or exported',
    );
    expect(receiver().requests()).toEqual([]);
  });

  it('starts the SDK when false', async () => {
    const { loaded, stderr } = await runPreloaded(flag, { OTEL_SDK_DISABLED: 'false' });

    expect(loaded.some((url) => url.includes('@opentelemetry/instrumentation-http'))).toBe(true);
    expect(stderr).not.toContain('disabled by');
    const [server] = await receiver().waitForSpans({ kind: 'SERVER' });
    expect(server?.attributes['url.path']).toBe('/rooms/1');
  });
});

describe('disabled line of register', () => {
  const lineFor = (env: Record<string, string>) => {
    const lines: string[] = [];
    reportDisabledByEnvironment(env, (line) => lines.push(line));
    return lines;
  };

  it('follows OTEL_LOG_LEVEL', () => {
    expect(lineFor({})).toHaveLength(1);
    expect(lineFor({ OTEL_LOG_LEVEL: 'DEBUG' })).toHaveLength(1);
    expect(lineFor({ OTEL_LOG_LEVEL: 'warn' })).toEqual([]);
    expect(lineFor({ OTEL_LOG_LEVEL: 'none' })).toEqual([]);
  });

  it('treats an unknown level as info', () => {
    expect(lineFor({ OTEL_LOG_LEVEL: 'loud' })).toHaveLength(1);
  });
});

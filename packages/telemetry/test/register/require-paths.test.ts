import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runFixture, waitForUrl } from '@seda/test-utils';
import { exportEnv, FIXTURES } from '../support/fixtures.js';
import { useReceiver } from '../support/receiver.js';

const receiver = useReceiver();
const require = createRequire(import.meta.url);
const REGISTER = require.resolve('@seda/telemetry/register');

const ALIASED_EXPRESS_APP = `
const express = require('web-framework');
const app = express();
app.get('/rooms/:id/messages', (request, response) => response.json({ room: request.params.id }));
const server = app.listen(0, '127.0.0.1', () => {
  console.log('listening on http://127.0.0.1:' + server.address().port);
});
`;

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('require paths the filter cannot read', () => {
  it('traces express installed under an alias', async () => {
    // `npm install web-framework@npm:express` installs express under
    // another folder name. A link to the real folder plays that part.
    const app = await mkdtemp(join(tmpdir(), 'seda-alias-'));
    folders.push(app);
    const express = await realpath(dirname(require.resolve('express/package.json')));
    await mkdir(join(app, 'node_modules'));
    await symlink(express, join(app, 'node_modules', 'web-framework'), 'dir');
    await writeFile(join(app, 'app.cjs'), ALIASED_EXPRESS_APP);

    // The working directory, where the SDK looks for the packages it
    // instruments, still has express under its own name.
    const fixture = await runFixture({
      args: ['--require', REGISTER, join(app, 'app.cjs')],
      env: exportEnv(receiver()),
      cwd: FIXTURES,
    });
    const url = await waitForUrl(fixture, /listening on (http:\/\/\S+)/);

    const reply = await fetch(`${url.origin}/rooms/42/messages`);
    expect(reply.status).toBe(200);
    const [server] = await receiver().waitForSpans({ kind: 'SERVER' });
    expect(server?.attributes['http.route']).toBe('/rooms/:id/messages');
    const handlers = await receiver().waitForSpans({ name: /^request handler/ });
    expect(handlers[0]?.parentSpanId).toBe(server?.spanId);
  });

  it('keeps errors of file-less modules', async () => {
    const code = `
      const { Module } = require('node:module');
      try {
        new Module('virtual').require('./missing');
      } catch (error) {
        console.log('code ' + error.code);
      }`;
    const fixture = await runFixture({
      args: ['--require', REGISTER, '-e', code],
      env: exportEnv(receiver()),
      cwd: FIXTURES,
    });

    const exit = await fixture.exited;
    expect(exit.code).toBe(0);
    expect(fixture.stdout()).toContain('code MODULE_NOT_FOUND');
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diag } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { findPackageInfo } from '../../src/resource/package-info.js';
import { buildResource } from '../../src/resource/resource.js';

async function attributesFor(env: Record<string, string>, app = {}) {
  const { config } = resolveConfig({}, env);
  const resource = buildResource(config, app, diag);
  await resource.waitForAsyncAttributes?.();
  return resource.attributes;
}

describe('buildResource', () => {
  it('names the service from package.json', async () => {
    const attributes = await attributesFor({}, { name: 'rooms-api', version: '2.3.4' });

    expect(attributes['service.name']).toBe('rooms-api');
    expect(attributes['service.version']).toBe('2.3.4');
    expect(attributes['deployment.environment.name']).toBeUndefined();
  });

  it('prefers the variables to package.json', async () => {
    const attributes = await attributesFor(
      { OTEL_SERVICE_NAME: 'seda-api', APP_VERSION: '9.9.9', NODE_ENV: 'production' },
      { name: 'rooms-api', version: '2.3.4' },
    );

    expect(attributes['service.name']).toBe('seda-api');
    expect(attributes['service.version']).toBe('9.9.9');
    expect(attributes['deployment.environment.name']).toBe('production');
  });

  it('falls back to unknown_service:node', async () => {
    const attributes = await attributesFor({});

    expect(attributes['service.name']).toBe('unknown_service:node');
  });

  it('adds host, process and instance attributes', async () => {
    const attributes = await attributesFor({});

    expect(attributes['host.name']).toEqual(expect.any(String));
    expect(attributes['process.pid']).toBe(process.pid);
    expect(attributes['service.instance.id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(attributes['telemetry.sdk.language']).toBe('nodejs');
  });

  it('leaves out command-line arguments', async () => {
    const attributes = await attributesFor({});

    expect(attributes).not.toHaveProperty('process.command_args');
    expect(attributes).not.toHaveProperty('process.command_line');
  });

  it('runs only the named detectors', async () => {
    const attributes = await attributesFor({ OTEL_NODE_RESOURCE_DETECTORS: 'serviceinstance' });

    expect(attributes['service.instance.id']).toBeDefined();
    expect(attributes).not.toHaveProperty('host.name');
    expect(attributes).not.toHaveProperty('process.pid');
  });

  it('merges OTEL_RESOURCE_ATTRIBUTES', async () => {
    const attributes = await attributesFor({
      OTEL_RESOURCE_ATTRIBUTES: 'team=chat,service.namespace=seda',
    });

    expect(attributes['team']).toBe('chat');
    expect(attributes['service.namespace']).toBe('seda');
  });
});

describe('findPackageInfo', () => {
  it('reads the nearest package.json', () => {
    const root = mkdtempSync(join(tmpdir(), 'seda-package-'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0' }));

    expect(findPackageInfo([join(root, 'dist', 'nested')])).toEqual({ name: 'app', version: '1.0.0' });
  });

  it('skips packages inside node_modules', () => {
    const root = mkdtempSync(join(tmpdir(), 'seda-package-'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app' }));
    const tool = join(root, 'node_modules', 'pm2');
    mkdirSync(tool, { recursive: true });
    writeFileSync(join(tool, 'package.json'), JSON.stringify({ name: 'pm2' }));

    expect(findPackageInfo([tool]).name).toBe('app');
  });
});

import { startOtlpReceiver, runFixture, waitForUrl } from '@seda/test-utils';
import { buildTraceTrees, formatTraceTree } from '@seda/telemetry/testing';
import { rmSync } from 'node:fs';
rmSync('/tmp/probe/db2.sqlite', { force: true });
const receiver = await startOtlpReceiver();
const app = await runFixture({ args: ['dist/main.js'], cwd: process.cwd(), env: {
  OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '50', OTEL_METRIC_EXPORT_INTERVAL: '250',
  OTEL_NODE_RESOURCE_DETECTORS: 'host,process,serviceinstance', PORT: '0', DATABASE_URL: 'file:/tmp/probe/db2.sqlite', REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: 'probe_x:' } });
const url = await waitForUrl(app);
const post = (p, b, h = {}) => fetch(new URL(p, url), { method: 'POST', headers: { 'content-type': 'application/json', ...h }, body: JSON.stringify(b) }).then(r => r.json());
const user = await post('/users', { email: `u${Date.now()}@x.com`, username: `u${Date.now()}`, displayName: 'U' });
const room = await post('/rooms', { name: 'r' });
await new Promise(r => setTimeout(r, 500));
receiver.reset();
await post(`/rooms/${room.id}/messages`, { userId: user.id, text: 'hello-cached-text' });
await fetch(new URL(`/rooms/${room.id}/messages`, url)).then(r => r.text());
await fetch(new URL(`/rooms/${room.id}/messages`, url)).then(r => r.text());
console.log(await fetch(new URL(`/nope/xyz`, url)).then(r => r.status));
console.log(await fetch(new URL(`/rooms/abc`, url)).then(r => r.status));
console.log(await fetch(new URL(`/rooms/${room.id}?token=s3cr3t`, url), { headers: { authorization: 'Bearer abc123', cookie: 'session=cook1e' } }).then(r => r.status));
await new Promise(r => setTimeout(r, 1500));
for (const t of buildTraceTrees(receiver.spans())) console.log(formatTraceTree(t, { attributeKeys: ['http.route','nestjs.type','db.system','db.system.name','db.query.text', 'db.statement', 'url.full', 'http.url', 'url.query', 'http.response.status_code'] }));
const s = receiver.spans().find(s => s.name === 'hget'); console.log(s?.attributes);
const n = receiver.spans().find(s => s.attributes['nestjs.type'] === 'request_context'); console.log(n?.attributes);
for (const m of receiver.metrics().filter(m => m.name.startsWith('http.server'))) console.log(m.name, JSON.stringify(m.attributes), m.count);
const exit = await app.stop();
console.log(exit.code, exit.signal);
await receiver.close();

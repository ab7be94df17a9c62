import { describe, expect, it } from 'vitest';
import { useReceiver } from '../support/receiver.js';
import { exportEnv, startServerFixture } from '../support/fixtures.js';

const receiver = useReceiver();

const SECRETS = [
  'bearer-token-secret',
  'session-cookie-secret',
  'query-token-secret',
  'set-cookie-secret-value',
  'url-password-secret',
  'client-api-key-secret',
  'Code-Secret',
];

function everythingReceived(): string {
  const all = { spans: receiver().spans(), metrics: receiver().metrics(), logs: receiver().logs() };
  return JSON.stringify(all, (_key, value) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}

describe('secrets in requests', () => {
  it('leave no trace in any exported attribute', async () => {
    const { url } = await startServerFixture('secrets-app.mjs', { env: exportEnv(receiver()) });
    const target = `${url}/rooms/1/messages?token=query-token-secret`;

    await fetch(`${url}/rooms/7/messages?token=query-token-secret&Code=Code-Secret&page=2`, {
      headers: {
        authorization: 'Bearer bearer-token-secret',
        cookie: 'session=session-cookie-secret',
        'x-request-id': 'request-42',
      },
    });
    await fetch(`${url}/outgoing?target=${encodeURIComponent(target)}`);

    const spans = await receiver().waitForSpans({ kind: 'SERVER' }, { count: 3 });
    await receiver().waitForSpans({ kind: 'CLIENT' });
    await receiver().waitForMetric('http.server.request.duration');
    const exported = everythingReceived();
    for (const secret of SECRETS) {
      expect(exported, `${secret} was exported`).not.toContain(secret);
    }

    const first = spans.find((span) => span.attributes['url.path'] === '/rooms/7/messages');
    expect(first?.attributes['url.query']).toBe('token=REDACTED&Code=REDACTED&page=2');
    expect(first?.attributes['http.request.header.x-request-id']).toEqual(['request-42']);
    expect(first?.attributes['http.request.header.authorization']).toBeUndefined();
    expect(first?.attributes['http.response.header.content-type']).toBeDefined();
    expect(first?.attributes['http.response.header.set-cookie']).toBeUndefined();
    const client = receiver().spans().find((span) => span.kind === 'CLIENT');
    expect(client?.attributes['url.full']).toMatch(
      /^http:\/\/REDACTED:REDACTED@127\.0\.0\.1:\d+\/rooms\/1\/messages\?token=REDACTED&api_key=REDACTED$/,
    );
  });
});

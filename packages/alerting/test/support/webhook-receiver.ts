import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the receiver got, with its JSON body parsed. */
export interface ReceivedNotification {
  readonly path: string;
  readonly body: any;
}

/** An HTTP server on 127.0.0.1 that records every POST and responds 200. */
export interface WebhookReceiver {
  /** Base URL, such as `http://127.0.0.1:40123`. */
  readonly url: string;
  received(): ReceivedNotification[];
  close(): Promise<void>;
}

/**
 * Starts a receiver standing in for PagerDuty's Events API and a Slack
 * incoming webhook: Alertmanager posts JSON to it, by path.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedNotification[] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((text) => {
      received.push({ path: request.url ?? '/', body: parseJson(text) });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"status":"success"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received: () => [...received],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Kept as text, so that a test failure shows what arrived.
    return text;
  }
}

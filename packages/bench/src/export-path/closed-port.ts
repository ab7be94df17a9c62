import { createServer } from 'node:net';

/**
 * Returns the URL of a loopback port that nothing listens on: one the system
 * just handed out and that was closed again. Connections to it are refused.
 */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') {
    throw new Error('the probe server has no TCP address');
  }
  return `http://127.0.0.1:${address.port}`;
}

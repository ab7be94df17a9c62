import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A message the sink accepted: its envelope and its raw text. */
export interface ReceivedMail {
  readonly from: string;
  readonly to: string[];
  readonly data: string;
}

/** An SMTP server on 127.0.0.1 that accepts every message and keeps it. */
export interface SmtpSink {
  /** `127.0.0.1:<port>`, for Alertmanager's `smtp_smarthost`. */
  readonly address: string;
  received(): ReceivedMail[];
  close(): Promise<void>;
}

/**
 * Starts a minimal SMTP server (RFC 5321: EHLO, MAIL, RCPT, DATA, RSET,
 * NOOP, QUIT) without STARTTLS or AUTH, so that Alertmanager's email
 * receiver can deliver to it with `smtp_require_tls: false`.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Alertmanager may reset a session, for example when it stops. Without
    // this listener the reset error would crash the test run.
    socket.on('error', () => socket.destroy());
    serveSession(socket, (mail) => received.push(mail));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    address: `127.0.0.1:${port}`,
    received: () => [...received],
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function serveSession(socket: Socket, deliver: (mail: ReceivedMail) => void) {
  let buffer = '';
  let envelope = { from: '', to: [] as string[] };
  let data: string[] | undefined;
  const reply = (line: string) => socket.write(`${line}\r\n`);

  socket.setEncoding('utf8');
  reply('220 127.0.0.1 test sink ready');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let end = buffer.indexOf('\r\n');
    while (end !== -1) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (data !== undefined) {
        if (line === '.') {
          deliver({ ...envelope, data: data.join('\n') });
          envelope = { from: '', to: [] };
          data = undefined;
          reply('250 2.0.0 accepted');
        } else {
          data.push(line.startsWith('..') ? line.slice(1) : line);
        }
      } else {
        data = command(line, envelope, reply, socket);
      }
      end = buffer.indexOf('\r\n');
    }
  });
}

/** Replies to one command, and returns a data buffer when DATA starts. */
function command(
  line: string,
  envelope: { from: string; to: string[] },
  reply: (line: string) => void,
  socket: Socket,
): string[] | undefined {
  const verb = line.slice(0, 4).toUpperCase();
  const argument = /<([^>]*)>/.exec(line)?.[1] ?? '';
  switch (verb) {
    case 'EHLO':
      reply('250-127.0.0.1');
      reply('250 8BITMIME');
      return undefined;
    case 'HELO':
    case 'NOOP':
      reply('250 OK');
      return undefined;
    case 'RSET':
      envelope.from = '';
      envelope.to.length = 0;
      reply('250 OK');
      return undefined;
    case 'MAIL':
      envelope.from = argument;
      reply('250 OK');
      return undefined;
    case 'RCPT':
      envelope.to.push(argument);
      reply('250 OK');
      return undefined;
    case 'DATA':
      reply('354 end data with <CR><LF>.<CR><LF>');
      return [];
    case 'QUIT':
      reply('221 bye');
      socket.end();
      return undefined;
    default:
      reply('502 command not implemented');
      return undefined;
  }
}

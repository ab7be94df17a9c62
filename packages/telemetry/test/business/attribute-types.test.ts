import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const PROBE = fileURLToPath(new URL('./type-probe.ts', import.meta.url));

/**
 * Calls that must compile, then calls that must not, each on its own line.
 * The rejected ones pass a user id, an email or free text as an attribute.
 */
const ACCEPTED = [
  "business.trackShared({ provider: 'spotify' });",
  "business.trackShared({ provider: 'other' });",
  "business.messageSent({ hasTrack: true, roomKind: 'artist' });",
  "business.reactionAdded({ reactionType: 'fire' });",
  "business.authenticationFailed({ reason: 'expired_token' });",
  "business.rateLimitHit({ action: 'message' });",
  'business.artistVerified();',
];
const REJECTED = [
  'business.trackShared({ provider: email });',
  "business.trackShared({ provider: 'spotify', userId });",
  'business.messageSent({ hasTrack: true, roomKind: text });',
  "business.reactionAdded({ reactionType: 'like', email });",
  "business.userSignedUp({ userType: 'listener', 'user.id': userId });",
  'business.userSignedUp({ userType: email });',
  'business.authenticationFailed({ reason: text });',
  'business.rateLimitHit({ action: String(userId) });',
  'business.roomJoined({ roomKind: 42 });',
  'business.roomLeft({ roomKind: `room ${userId}` });',
  'business.artistVerified({ userId });',
];

const HEADER = [
  "import { createBusinessMetrics } from '../../src/business/index.js';",
  'const business = createBusinessMetrics();',
  'declare const userId: number;',
  'declare const email: string;',
  'declare const text: string;',
];

function compileProbe(source: string): readonly ts.Diagnostic[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (file) => (file === PROBE ? source : readFile(file));
  host.fileExists = (file) => file === PROBE || fileExists(file);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language) =>
    file === PROBE
      ? ts.createSourceFile(file, source, language)
      : getSourceFile(file, language);

  const program = ts.createProgram([PROBE], options, host);
  return ts.getPreEmitDiagnostics(program);
}

describe('recording API types', () => {
  it('reject ids, emails and free text', () => {
    const lines = [...HEADER, ...ACCEPTED, ...REJECTED];
    const firstRejected = HEADER.length + ACCEPTED.length;

    const diagnostics = compileProbe(lines.join('\n'));

    const byLine = new Map<number, string[]>();
    for (const diagnostic of diagnostics) {
      const file = diagnostic.file;
      expect(
        file?.fileName,
        ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
      ).toBe(PROBE);
      const { line } = file!.getLineAndCharacterOfPosition(
        diagnostic.start ?? 0,
      );
      const messages = byLine.get(line) ?? [];
      messages.push(
        ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '),
      );
      byLine.set(line, messages);
    }
    lines.forEach((text, line) => {
      const errors = byLine.get(line) ?? [];
      if (line < firstRejected) expect(errors, text).toEqual([]);
      else expect(errors.length, text).toBeGreaterThan(0);
    });
  }, 60_000);
});

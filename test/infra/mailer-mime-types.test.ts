import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetsOf, discoverFunctions, externalsOf, functionBuildOptionsOf, repoRoot } from '../../infra/bundling';
import { emailKinds, renderEmail } from '../../shared/domain/email/content';
import { composeRawEmail, type RawEmail } from '../../shared/domain/email/mime';
import { anEmailInput, aSession } from '../support/builders';

/**
 * The mailer's bundle leaves nodemailer's `./mime-types.js` import to the small table deployed
 * beside it (infra/bundling.ts). The composer is bundled here with the mailer's options, the table
 * copied beside it as at deploy, and loaded by Node itself; every kind of mail composed with it must
 * be the message the unbundled composer (nodemailer's own table) writes. Our mails name the type of
 * every part, so the composer does not look one up for them (a table that answered nonsense composed
 * the same messages); test/unit/email-mime-types.test.ts holds the table to nodemailer's answers.
 */

const RUNNER = `
import { readFileSync, writeSync } from 'node:fs';
const { composeRawEmail, detectMimeType } = await import(process.env.BUNDLE_URL);
const messages = JSON.parse(readFileSync(0, 'utf8'));
const raws = [];
for (const m of messages) raws.push((await composeRawEmail({ ...m, date: new Date(m.date) })).toString('base64'));
writeSync(1, JSON.stringify({ raws, docx: detectMimeType('letter.docx') }));
`;

/** The random parts: each part's boundary and the Message-ID (folded or not). */
const normalised = (raw: string) =>
  raw
    .replace(/--_NmP-[0-9a-f]+-Part_/g, '--_NmP-boundary-Part_')
    .replace(/^Message-ID:\s*<[^>]+>/im, 'Message-ID: <id>');

const from = { name: 'Stadsgesprekken – Kennisnetwerk Amsterdam', address: 'noreply@stadsgesprekken.example.org' };
const to = { name: 'Zoë "Zo" Çelik', address: 'zoe@example.org' };
const code = '0b8c4a52-6a8e-4f7e-9d0a-3c2f1e5d7b90.abcdefghijkl';

/** Every kind of mail, confirmed with a check-in code (QR) and cancelled (calendar CANCEL), as the mailer composes them. */
const messages: Array<{ label: string; email: RawEmail }> = [
  ...emailKinds.map((kind) => ({ label: kind, rendered: renderEmail(anEmailInput(kind, { checkInCode: code })) })),
  {
    label: 'session-cancelled, of a cancelled session',
    rendered: renderEmail(anEmailInput('session-cancelled', { session: aSession({ status: 'cancelled' }) })),
  },
].map(({ label, rendered }) => ({
  label,
  email: {
    from,
    to,
    replyTo: { name: 'Kennisnetwerk Amsterdam', address: 'stadsgesprekken@example.org' },
    headers: { 'X-Stadsgesprekken-Send-Id': `send-${label}` },
    date: new Date('2027-01-15T12:00:00Z'),
    ...rendered,
  },
}));

describe("the mailer's MIME type table beside its bundle", () => {
  let outDir: string;
  let bundled: string[];
  let inputs: string[];
  let bundledDocx: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'stadsgesprekken-mime-'));
    const outfile = join(outDir, 'compose.mjs');
    const result = await build({
      ...functionBuildOptionsOf('mailer'),
      stdin: {
        // nodemailer's own lookup too, to see which table answers it in the bundle.
        contents: [
          "export { composeRawEmail } from './shared/domain/email/mime';",
          "export { detectMimeType } from 'nodemailer/lib/mime-funcs';",
        ].join('\n'),
        loader: 'ts',
        resolveDir: repoRoot,
      },
      outfile,
      write: false,
      metafile: true,
      logLevel: 'error',
    });
    const code = result.outputFiles.find((f) => f.path.endsWith('.mjs'))?.text ?? '';
    writeFileSync(outfile, code);
    for (const asset of assetsOf('mailer')) copyFileSync(asset, join(outDir, basename(asset)));
    inputs = Object.keys(result.metafile.inputs);
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', RUNNER], {
      env: { ...process.env, BUNDLE_URL: pathToFileURL(outfile).href },
      input: JSON.stringify(messages.map((m) => m.email)),
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`the bundled composer failed:\n${run.stderr}`);
    const out = JSON.parse(run.stdout) as { raws: string[]; docx: string };
    bundled = out.raws.map((b) => Buffer.from(b, 'base64').toString('utf8'));
    bundledDocx = out.docx;
  }, 60_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('leaves the import to the file beside the bundle, without nodemailer’s table', () => {
    expect(inputs.some((p) => p.endsWith('mime-funcs/mime-types.js'))).toBe(false);
    expect(inputs.some((p) => p.includes('nodemailer'))).toBe(true);
    // nodemailer's table knows .docx; ours does not list it, so the bundle's answer is ours.
    expect(bundledDocx).toBe('application/octet-stream');
  });

  it('deploys a file of the same name beside every bundle for each import it leaves out', () => {
    for (const fn of discoverFunctions()) {
      const beside = assetsOf(fn).map((a) => `./${basename(a)}`);
      expect(beside).toEqual(expect.arrayContaining([...externalsOf(fn)]));
    }
  });

  it.each(messages.map((m, i) => [m.label, i] as const))(
    'composes %s as nodemailer’s own table does',
    async (_label, i) => {
      const unbundled = (await composeRawEmail(messages[i]?.email as RawEmail)).toString('utf8');

      expect(normalised(bundled[i] as string)).toBe(normalised(unbundled));
    },
  );

  it('covers the invite and cancellation calendars, the check-in QR and text with HTML', () => {
    const all = bundled.join('\n');
    for (const part of [
      'Content-Type: text/plain; charset=utf-8',
      'Content-Type: text/html; charset=utf-8',
      'Content-Type: text/calendar; charset=utf-8; method=REQUEST',
      'Content-Type: text/calendar; charset=utf-8; method=CANCEL',
      'Content-Type: application/ics; name=invite.ics',
      'Content-Type: image/png; name=check-in.png',
    ])
      expect(all).toContain(part);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signInByFormPosts } from '../../infra/cli/form-sign-in';
import { runProgrammeCli } from '../../infra/cli/run';
import { SignInFailed, signIn } from '../../infra/cli/sign-in';
import { LOCAL_TEST_ORGANISER as ORGANISER } from '../../local/oauth/users';
import { parseGroups } from '../../shared/http/organiser-auth';
import type { RouteSpec } from '../../shared/http/route-specs';
import { type RunningEmulator, startEmulator, TEST_CLIENT } from '../support/oauth';
import { aProgrammeFile as programmeFile } from '../support/programme-builders';

/**
 * The CLI end to end: it signs in through the emulator (authorization code + PKCE, loopback
 * redirect, the sign-in page filled in by form posts), then calls a stand-in for the admin API
 * that checks the bearer token exactly as the local JWT authorizer does.
 */
let running: RunningEmulator;
let admin: Server;
let adminUrl: string;
const seen: { method: string; url: string; body: unknown }[] = [];
const ROUTE = { method: 'POST', path: '/admin/programmes/import', fn: 'admin-api', auth: 'organiser' } as RouteSpec;

beforeAll(async () => {
  running = await startEmulator();
  admin = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const verdict = await running.emulator.auth.authorize(ROUTE, { authorization: req.headers.authorization ?? '' });
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if ('status' in verdict) return reply(401, { message: 'Unauthorized' });
    if (!parseGroups(verdict.claims['cognito:groups']).includes('organisers')) return reply(403, {});
    seen.push({ method: req.method ?? '', url: req.url ?? '', body: text ? JSON.parse(text) : null });
    const url = new URL(req.url ?? '/', 'http://admin');
    if (req.method === 'POST' && url.pathname === '/admin/programmes/import') {
      const file = JSON.parse(text) as { sessions: { id: string }[] };
      return reply(200, {
        programme: 'created',
        sessions: [
          ...file.sessions.map((s) => ({ id: s.id, outcome: 'created', notified: 0 })),
          { id: 'old-session', outcome: 'missing', notified: 0 },
        ],
      });
    }
    if (req.method === 'GET' && url.pathname === '/admin/programmes/kennisnetwerk-2027') {
      return reply(200, {
        id: 'kennisnetwerk-2027',
        title: { nl: 'Jaarprogramma' },
        timeZone: 'Europe/Amsterdam',
        version: 3,
      });
    }
    if (req.method === 'GET' && url.pathname === '/admin/sessions') {
      const base = {
        programmeId: 'kennisnetwerk-2027',
        kind: 'reflection',
        title: { nl: 'Reflectie' },
        date: '2027-03-03',
      };
      return reply(200, {
        sessions: [
          { ...base, id: 'a', status: 'scheduled', seatsLeft: 3, version: 2, capacity: 40 },
          { ...base, id: 'b', status: 'cancelled', version: 1 },
          { ...base, id: 'elsewhere', programmeId: 'other' },
        ],
      });
    }
    return reply(404, { title: 'Not found' });
  });
  await new Promise<void>((resolve) => admin.listen(0, '127.0.0.1', resolve));
  adminUrl = `http://127.0.0.1:${(admin.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await running.stop();
  await new Promise<void>((resolve) => admin.close(() => resolve()));
});
beforeEach(() => {
  seen.length = 0;
});

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const options = ['--api', adminUrl, '--issuer', running.issuer, '--client-id', TEST_CLIENT.clientId, '--headless'];
  return runProgrammeCli([...args, ...options], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env,
  }).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

function fileOnDisk(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'programme-cli-')), 'programme.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('npm run programme -- import', () => {
  it('signs in, sends the file as a dry run with the bearer token, and prints the report', async () => {
    const programme = programmeFile();
    const r = await cli(['import', fileOnDisk(programme), '--dry-run']);
    expect(r.err).toMatch(/\/oauth2\/authorize\?/);
    expect(r.code).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe('/admin/programmes/import?dryRun=true');
    expect(seen[0]?.body).toEqual(programme);
    expect(r.out).toMatch(/^Dry run \(nothing written\): programme created/);
    expect(r.out).toMatch(/old-session\s+missing\s+0/);
  });

  it('imports for real without the dryRun parameter', async () => {
    const r = await cli(['import', fileOnDisk(programmeFile())]);
    expect(r.code).toBe(0);
    expect(seen[0]?.url).toBe('/admin/programmes/import');
  });

  it('refuses a bad file naming the field, before anyone signs in', async () => {
    const bad = programmeFile();
    (bad.sessions[0] as { date: string }).date = '3 maart';
    const r = await cli(['import', fileOnDisk(bad)]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/sessions\.0\.date/);
    expect(r.err).not.toMatch(/oauth2/);
    expect(seen).toHaveLength(0);
  });

  it('fails with the reason when the password is wrong', async () => {
    const r = await cli(['import', fileOnDisk(programmeFile())], { PROGRAMME_PASSWORD: 'wrong' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/password refused \(401\)/);
    expect(seen).toHaveLength(0);
  });
});

describe('npm run programme -- export', () => {
  it('writes a programme file from the settings and the programme own live sessions', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'programme-cli-')), 'export.json');
    const r = await cli(['export', 'kennisnetwerk-2027', '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({
      id: 'kennisnetwerk-2027',
      title: { nl: 'Jaarprogramma' },
      timeZone: 'Europe/Amsterdam',
      sessions: [{ id: 'a', kind: 'reflection', title: { nl: 'Reflectie' }, date: '2027-03-03', capacity: 40 }],
    });
    expect(r.err).toMatch(/cancelled: b/);
  });
});

describe('the loopback redirect', () => {
  it('refuses a callback whose state is not the one sent', async () => {
    const driver = signInByFormPosts(ORGANISER);
    const attempt = signIn({
      issuer: running.issuer,
      clientId: TEST_CLIENT.clientId,
      log: () => undefined,
      openUrl: async (url) => {
        const u = new URL(url);
        u.searchParams.set('state', 'forged');
        await driver(u.href);
      },
    });
    await expect(attempt).rejects.toThrow(SignInFailed);
    await expect(attempt).rejects.toThrow(/state/);
  });
});

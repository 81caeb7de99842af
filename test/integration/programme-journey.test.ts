import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runProgrammeCli } from '../../infra/cli/run';
import { type LocalStack, startLocalStack } from '../../local/stack';
import type { ProgrammeFile } from '../../shared/domain/schemas';
import { parseCalendar } from '../support/ical';
import { calendarOf, registerVia, UID_DOMAIN, waitForMails } from '../support/pipeline';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';

/**
 * The "done when", as a new organiser on the local stack: sign in through the local
 * managed-login page (the CLI's headless mode fills it in), import a programme file with the CLI
 * (dry run first), see its sessions on the public API, import it again (all unchanged), and import
 * it with one session moved: the registrant gets the update mail, with the new time in the invite.
 */
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({
    dynamoDbEndpoint: inject('dynamoEndpoint'),
    sesEndpoint: inject('sesEndpoint'),
    tablePrefix: `${uniqueId('journey')}-`,
    uidDomain: UID_DOMAIN,
    manageTokenSecret: 'journey-test-secret',
    port: 0,
    pipeline: { visibilityTimeoutMs: 300, leaseMs: 5_000, sesRetryBaseDelayMs: 5, pollIntervalMs: 50 },
  });
});
afterAll(async () => {
  await stack?.stop();
});

function onDisk(file: ProgrammeFile): string {
  const path = join(mkdtempSync(join(tmpdir(), 'journey-')), 'programme.json');
  writeFileSync(path, JSON.stringify(file));
  return path;
}

/** The CLI as an organiser runs it: `npm run programme -- import <file> --api <url> --headless [--dry-run]`. */
async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runProgrammeCli([...args, '--api', stack.apiUrl, '--headless'], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: {},
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const publicSessionIds = async () => {
  const { sessions } = (await (await fetch(`${stack.apiUrl}/sessions`)).json()) as { sessions: { id: string }[] };
  return sessions.map((s) => s.id);
};

describe('a new organiser imports a programme on the local stack', () => {
  it('dry run, import, re-import unchanged, and a moved session mails its registrant', async () => {
    const first = aSessionInput({ date: '2099-04-02', startTime: '16:00', endTime: '17:30' });
    const second = aSessionInput({ date: '2099-05-07' });
    const file = aProgrammeFile([first, second]);
    const path = onDisk(file);

    const dry = await cli('import', path, '--dry-run');
    expect(dry.err).toContain(`${stack.signIn.issuer}/oauth2/authorize?`);
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.out).toMatch(/^Dry run \(nothing written\): programme created/);
    expect(dry.out).toMatch(/2 created/);
    expect(await publicSessionIds()).toEqual([]);

    const imported = await cli('import', path);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/^Imported: programme created/);
    expect(await publicSessionIds()).toEqual([first.id, second.id]);

    const again = await cli('import', path);
    expect(again.out).toMatch(/programme unchanged/);
    expect(again.out).toMatch(/\n2 unchanged$/);

    const to = `${uniqueId('anna')}@example.org`;
    expect((await registerVia(stack, first.id, to)).status).toBe(201);
    await waitForMails(to, 1);

    const moved = onDisk({ ...file, sessions: [{ ...first, startTime: '19:00', endTime: '20:30' }, second] });
    const report = await cli('import', moved);
    expect(report.code).toBe(0);
    expect(report.out).toMatch(new RegExp(`${first.id}\\s+updated\\s+1\\s+changed: startTime, endTime`));
    expect(report.out).toMatch(/1 updated, 1 unchanged/);

    const update = (await waitForMails(to, 2))[1];
    expect(update?.body.text).toContain('19.00–20.30'); // Dutch clock notation
    const invite = parseCalendar(calendarOf(update as never));
    expect(invite.events[0]?.uid).toBe(`${first.id}@${UID_DOMAIN}`);
    expect(invite.events[0]?.sequence).toBe(2);
    expect(invite.events[0]?.start).toBe('2099-04-02T17:00:00.000Z'); // 19:00 in Amsterdam, summer time
  });
});

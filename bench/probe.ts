import '../local/quiet-warnings';
import './quiet-logs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createLocalAuth } from '../local/auth';
import { startDynamoDbLocal } from '../local/engines/dynamodb';
import { startSesEmulator } from '../local/engines/ses';
import { startLocalStack } from '../local/stack';
import { adminApi, publicApi } from '../shared/http/api-routes';
import { badTokens, hostileNames, hostileValues, rawMarkup } from './probe-cases';

/**
 * `npm run probe`: the security review's probe, repeatable (issue 18). Starts its own DynamoDB Local,
 * SES emulator and local stack on free loopback ports, then sends
 *  - every kind of bad organiser token (probe-cases.ts) to every admin route,
 *  - hostile and long (to 16 KiB) values in every path and query parameter of every public route,
 *  - hostile names through registration to the CSV export, the mails (read back from the emulator)
 *    and the HTML answers,
 * tallies the answers by status class and fails (exit 1) on any 5xx, any 2xx to a bad token, or any
 * hostile text that comes out raw. Writes bench/out/probe.json.
 */

type Tally = Record<string, number>;
const tallies: Record<'admin' | 'public' | 'names', Tally> = { admin: {}, public: {}, names: {} };
const failures: string[] = [];
let sent = 0;

const count = (group: keyof typeof tallies, status: number, what: string) => {
  sent++;
  const cls = `${Math.floor(status / 100)}xx`;
  tallies[group][cls] = (tallies[group][cls] ?? 0) + 1;
  if (status >= 500) failures.push(`${status} for ${what}`);
  if (group === 'admin' && status < 300) failures.push(`${status} (a 2xx) for ${what}`);
};

/** The path with its parameters filled in; `raw` is one value already percent-encoded. */
const fill = (path: string, values: Record<string, string>, raw: Record<string, string> = {}) =>
  path.replace(/\{(\w+)\}/g, (_m, name: string) => raw[name] ?? encodeURIComponent(values[name] ?? 'x'));
const progress = (what: string) => process.stderr.write(`probe: ${what} (${sent} requests so far)\n`);

async function main() {
  const dynamo = await startDynamoDbLocal();
  const ses = await startSesEmulator({ port: 0 });
  const auth = await createLocalAuth();
  const sessionId = 'probe-session';
  const programmeId = 'probe-programme';
  const stack = await startLocalStack({
    dynamoDbEndpoint: dynamo.endpoint,
    sesEndpoint: ses.endpoint,
    tablePrefix: `probe-${Date.now()}-`,
    auth,
    pipeline: { sendRatePerSecond: 200 },
    programme: {
      id: programmeId,
      title: { nl: 'Probe' },
      timeZone: 'Europe/Amsterdam',
      feedbackQuestions: [{ id: 'impact', text: { nl: 'Impact?' } }],
      sessions: [
        {
          id: sessionId,
          kind: 'knowledge',
          title: { nl: 'Probe' },
          description: { nl: 'Probe' },
          date: '2099-04-02',
          startTime: '16:00',
          endTime: '17:30',
          location: null,
          capacity: 200,
          provisional: false,
          registrationOpen: true,
        },
      ],
    },
  });
  const api = stack.apiUrl;
  const send = (method: string, path: string, init: { headers?: Record<string, string>; body?: unknown } = {}) =>
    fetch(`${api}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...init.headers },
      body: method === 'GET' || method === 'HEAD' ? undefined : JSON.stringify(init.body ?? {}),
    });
  const register = async (name: string, email: string) => {
    const res = await send('POST', `/sessions/${sessionId}/registrations`, {
      body: { name, email, role: 'teacher', consent: true, organisation: name },
    });
    return { status: res.status, body: (await res.json()) as { manageToken?: string; registration?: { id: string } } };
  };

  try {
    const control = await register('Probe Control', 'control@probe.example');
    const ids = {
      sessionId,
      id: sessionId,
      programmeId,
      registrationId: control.body.registration?.id ?? 'x',
      token: control.body.manageToken ?? 'x',
    };
    // Control: a good token is let in, so the refusals below are the tokens' doing.
    const good = await send('GET', '/admin/sessions', {
      headers: { authorization: `Bearer ${await auth.signToken()}` },
    });
    if (good.status !== 200) throw new Error(`control: a good organiser token got ${good.status}`);

    // 1. Bad tokens on every admin route.
    const tokens = await badTokens(auth);
    for (const route of adminApi) {
      for (const [kind, header] of tokens) {
        const path = fill(route.path, {
          ...ids,
          id: route.path.startsWith('/admin/registrations') ? ids.registrationId : sessionId,
        });
        const res = await send(route.method, path, { headers: header === undefined ? {} : { authorization: header } });
        count('admin', res.status, `${route.method} ${route.path} with ${kind}`);
        await res.arrayBuffer();
      }
    }

    progress('bad tokens sent');
    // 2. Hostile values in every path and query parameter of every public route.
    for (const route of publicApi) {
      const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
      const queryNames = [...Object.keys(route.query.shape), 'unknown'];
      for (const [kind, value] of hostileValues()) {
        for (const param of params) {
          const res = await send(route.method, fill(route.path, ids, { [param]: value }));
          count('public', res.status, `${route.method} ${route.path} with ${kind} in ${param}`);
          checkHtml(res.headers.get('content-type'), await res.text(), `${route.path} ${param}=${kind}`);
        }
        for (const q of queryNames) {
          const res = await send(route.method, `${fill(route.path, ids)}?${q}=${value}`);
          count('public', res.status, `${route.method} ${route.path} with ${kind} in ?${q}`);
          checkHtml(res.headers.get('content-type'), await res.text(), `${route.path} ?${q}=${kind}`);
        }
      }
    }

    progress('hostile parameters sent');
    // 3. Hostile names through registration, CSV, mail and the registration's own answers.
    const accepted: Array<{ name: string; email: string }> = [];
    for (const [i, name] of hostileNames.entries()) {
      const email = `hostile-${i}@probe.example`;
      const r = await register(name, email);
      count('names', r.status, `registration named ${JSON.stringify(name)}`);
      if (r.status === 201) accepted.push({ name, email });
      if (r.status === 201 && r.body.manageToken) {
        const page = await fetch(`${api}/registrations/${r.body.manageToken}`, { headers: { accept: 'text/html' } });
        checkHtml(page.headers.get('content-type'), await page.text(), `manage answer for ${JSON.stringify(name)}`);
      }
    }
    const csvRes = await send('GET', `/admin/sessions/${sessionId}/registrations?format=csv`, {
      headers: { authorization: `Bearer ${await auth.signToken()}` },
    });
    const csv = await csvRes.text();
    if (csvRes.status !== 200) failures.push(`CSV export answered ${csvRes.status}`);
    // A cell that starts a formula (after any invisible characters) must carry the guard.
    for (const cell of csv.split(/[,\r\n]+/)) {
      const bare = cell.replace(/^"/, '').replace(/\p{Cf}/gu, '');
      if (/^[=+\-@\t]/.test(bare)) failures.push(`CSV cell without formula guard: ${JSON.stringify(cell)}`);
    }
    const mails = await waitForMails(
      ses.storeUrl,
      accepted.map((a) => a.email),
    );
    for (const mail of mails) {
      for (const raw of rawMarkup) if (mail.html.includes(raw)) failures.push(`raw ${raw} in the mail to ${mail.to}`);
      if (/\r\nBcc:/i.test(mail.headers)) failures.push(`header injection in the mail to ${mail.to}`);
    }

    const report = {
      at: new Date().toISOString(),
      sent,
      adminRoutes: adminApi.length,
      badTokenKinds: tokens.length,
      publicRoutes: publicApi.length,
      hostileValueKinds: hostileValues().length,
      hostileNames: hostileNames.length,
      namesAccepted: accepted.length,
      mailsChecked: mails.length,
      csvRows: csv.trim().split('\n').length - 1,
      tallies,
      failures,
    };
    mkdirSync('bench/out', { recursive: true });
    writeFileSync('bench/out/probe.json', `${JSON.stringify(report, null, 2)}\n`);
    console.log(JSON.stringify(report, null, 2));
    if (failures.length > 0) process.exitCode = 1;
  } finally {
    await stack.stop();
    await ses.stop();
    await dynamo.stop();
  }
}

function checkHtml(contentType: string | null, body: string, what: string) {
  if (!contentType?.includes('html')) return;
  for (const raw of rawMarkup) if (body.includes(raw)) failures.push(`raw ${raw} in the HTML answer to ${what}`);
}

interface StoredMail {
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
}

/** Waits until every address has its confirmation mail; gives each mail's HTML and header text. */
async function waitForMails(storeUrl: string, addresses: string[]) {
  const until = Date.now() + 60_000;
  for (;;) {
    const { emails } = (await (await fetch(storeUrl)).json()) as { emails: StoredMail[] };
    const mine = emails.filter((e) => addresses.some((a) => e.destination.to.some((t) => t.includes(`<${a}>`))));
    const covered = addresses.filter((a) => mine.some((e) => e.destination.to.some((t) => t.includes(`<${a}>`))));
    if (covered.length === addresses.length || Date.now() > until) {
      if (covered.length < addresses.length)
        failures.push(`mail to ${addresses.length - covered.length} address(es) never came`);
      return mine.map((e) => ({
        to: e.destination.to.join(', '),
        html: e.body.html ?? '',
        headers: `${e.subject}\r\n${e.destination.to.join('\r\n')}`,
      }));
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

await main();

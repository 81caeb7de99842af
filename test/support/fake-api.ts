import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { RegistrationRequest } from '../../shared/domain/schemas';
import type { RegistrationView, SessionView } from '../../shared/domain/views';
import { type ServeWebOptions, serveWebAsset } from '../../web/serve';
import type { ProblemDetails } from '../../web/src/types';

/**
 * A small in-memory stand-in for the public API (API.md and the README's feedback and privacy
 * routes), on a free port. It serves the web pages on the same origin, as the local stack does. Browser tests use
 * it for what the real stack cannot show yet (feedback, cancelled sessions, injected failures).
 * Registration input is checked with the real RegistrationRequest schema.
 */
export interface FakeApi {
  url: string;
  /** Every request the browser made to the API, for assertions on what was sent. */
  requests: Array<{ method: string; path: string; contentType: string; body: string }>;
  /** Answer the next POST /sessions/{id}/registrations with this instead. */
  failNextRegistration(status: number, problem: ProblemDetails): void;
  /** What POST /feedback/{token} answers: 201/200 (default: 201 first, 200 after) or a problem. */
  feedbackAnswer: { status: number; problem?: ProblemDetails };
  /** What GET /feedback/{token} says about accepting: null = open. */
  feedbackRefusal: { slug: string; detail: string } | null;
  feedbackReceived: Array<{ token: string; body: unknown }>;
  /** Tokens erased through POST /registrations/{token}/erase. */
  erased: string[];
  registrationsFor(sessionId: string): RegistrationView[];
  /** Register directly (as another person did) and return the manage token. */
  seedRegistration(sessionId: string, name: string, email: string): string;
  /** Extra pages served as-is (e.g. a host page with hostile CSS for the embed). */
  pages: Map<string, string>;
  stop(): Promise<void>;
}

export const aSessionView = (overrides: Partial<SessionView> = {}): SessionView => ({
  id: 'session',
  programmeId: 'kennisnetwerk-2099',
  kind: 'knowledge',
  title: { nl: 'Kennisbijeenkomst: het is druk in de wijk', en: 'Knowledge: a crowded neighbourhood' },
  description: {
    nl: 'Hoe houden we zicht op onze eigen effectiviteit?',
    en: 'How do we keep sight of our effectiveness?',
  },
  date: '2099-04-02',
  startTime: '16:00',
  endTime: '17:30',
  timeZone: 'Europe/Amsterdam',
  startsAt: '2099-04-02T16:00:00+02:00',
  endsAt: '2099-04-02T17:30:00+02:00',
  location: { name: 'Buurthuis De Pijp', address: 'Van Ostadestraat 1, Amsterdam' },
  provisional: true,
  status: 'scheduled',
  capacity: 40,
  seatsLeft: 40,
  waitlistLength: 0,
  registrationOpen: true,
  version: 1,
  ...overrides,
});

export const feedbackQuestions = [
  { id: 'impact', text: { nl: 'Hoe maken we samen impact?', en: 'How do we make impact together?' } },
  { id: 'hinders', text: { nl: 'Wat hindert professionals daarin?', en: 'What hinders professionals in this?' } },
];

const problem = (status: number, slug: string, detail: string, errors?: ProblemDetails['errors']): ProblemDetails => ({
  type: `/problems/${slug}`,
  title: slug,
  status,
  detail,
  ...(errors ? { errors } : {}),
});

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeApi(sessions: SessionView[], web: ServeWebOptions = {}): Promise<FakeApi> {
  const state = new Map(sessions.map((s) => [s.id, { ...s }]));
  const byToken = new Map<string, RegistrationView>();
  const feedbackByToken = new Map<
    string,
    { rating: number; answers: Record<string, string>; comment: string | null; submittedAt: string; updatedAt: string }
  >();
  const requests: FakeApi['requests'] = [];
  let nextFailure: { status: number; problem: ProblemDetails } | null = null;
  let url = '';

  const send = (res: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8') => {
    res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json; charset=utf-8' : type });
    res.end(JSON.stringify(body));
  };

  const register = (sessionId: string, input: RegistrationRequest): { token: string; reg: RegistrationView } => {
    const s = state.get(sessionId);
    if (!s) throw new Error(`no session ${sessionId}`);
    const full = s.seatsLeft !== null && s.seatsLeft <= 0;
    const reg: RegistrationView = {
      id: randomBytes(8).toString('hex'),
      sessionId,
      status: full ? 'waitlisted' : 'confirmed',
      waitlistPosition: full ? s.waitlistLength + 1 : null,
      name: input.name,
      email: input.email,
      role: input.role,
      language: input.language,
      addressConfirmedAt: null,
      holdExpiresAt: null,
      createdAt: new Date().toISOString(),
    };
    if (full) s.waitlistLength += 1;
    else if (s.seatsLeft !== null) s.seatsLeft -= 1;
    const token = randomBytes(24).toString('base64url');
    byToken.set(token, reg);
    return { token, reg };
  };

  const api: FakeApi = {
    url: '',
    requests,
    failNextRegistration: (status, p) => {
      nextFailure = { status, problem: p };
    },
    feedbackAnswer: { status: 201 },
    feedbackRefusal: null,
    feedbackReceived: [],
    erased: [],
    registrationsFor: (id) => [...byToken.values()].filter((r) => r.sessionId === id),
    seedRegistration: (sessionId, name, email) =>
      register(sessionId, RegistrationRequest.parse({ name, email, role: 'teacher', consent: true })).token,
    pages: new Map(),
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const parts = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const page = api.pages.get(u.pathname);
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(page);
    }
    if (method === 'GET') {
      const asset = serveWebAsset(`${u.pathname}${u.search}`, web);
      if (asset) {
        res.writeHead(asset.status, asset.headers);
        return void res.end(asset.body);
      }
    }
    requests.push({ method, path: u.pathname, contentType: req.headers['content-type'] ?? '', body });

    if (method === 'GET' && parts.length === 1 && parts[0] === 'sessions') {
      return send(res, 200, { sessions: [...state.values()].sort((a, b) => a.date.localeCompare(b.date)) });
    }
    if (parts[0] === 'sessions' && parts[1]) {
      const s = state.get(parts[1]);
      if (!s) return send(res, 404, problem(404, 'not-found', 'The session does not exist.'));
      if (method === 'GET' && parts.length === 2) return send(res, 200, s);
      if (method === 'GET' && parts[2] === 'calendar.ics') {
        res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' });
        return void res.end('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n');
      }
      if (method === 'POST' && parts[2] === 'registrations') {
        if (nextFailure) {
          const f = nextFailure;
          nextFailure = null;
          return send(res, f.status, f.problem);
        }
        const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
        let raw: unknown;
        if (type === 'application/json') raw = JSON.parse(body);
        else if (type === 'application/x-www-form-urlencoded') raw = Object.fromEntries(new URLSearchParams(body));
        else return send(res, 415, problem(415, 'unsupported-media-type', 'JSON or a form, please.'));
        const parsed = RegistrationRequest.safeParse(raw);
        if (!parsed.success) {
          const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
          return send(res, 400, problem(400, 'validation-error', 'The request is not valid.', errors));
        }
        if (s.status === 'cancelled') return send(res, 409, problem(409, 'session-cancelled', 'Cancelled.'));
        if (api.registrationsFor(s.id).some((r) => r.email === parsed.data.email && r.status !== 'cancelled')) {
          return send(res, 409, problem(409, 'already-registered', 'Already registered.'));
        }
        const { token, reg } = register(s.id, parsed.data);
        const manageUrl = `${url}/manage.html?token=${encodeURIComponent(token)}`;
        if (type === 'application/x-www-form-urlencoded' && (req.headers.accept ?? '').includes('text/html')) {
          res.writeHead(303, { location: `${manageUrl}&registered=1` });
          return void res.end();
        }
        return send(res, 201, { registration: reg, manageUrl, manageToken: token });
      }
    }
    if (parts[0] === 'registrations' && parts[1]) {
      const reg = byToken.get(parts[1]);
      if (!reg) return send(res, 404, problem(404, 'not-found', 'The registration does not exist.'));
      const session = state.get(reg.sessionId);
      if (method === 'GET' && parts.length === 2) return send(res, 200, { registration: reg, session });
      if (method === 'GET' && parts[2] === 'export') {
        return send(res, 200, {
          exportedAt: new Date().toISOString(),
          scope: 'registration',
          registration: reg,
          session,
        });
      }
      if (method === 'POST' && parts[2] === 'erase') {
        const cancelled = reg.status === 'cancelled' ? 0 : 1;
        if (cancelled && reg.status === 'confirmed' && session && session.seatsLeft !== null) session.seatsLeft += 1;
        byToken.delete(parts[1]);
        api.erased.push(parts[1]);
        return send(res, 200, {
          erasure: { at: new Date().toISOString(), scope: 'registration', cancelled, anonymised: 1 },
        });
      }
      if (method === 'POST' && parts[2] === 'cancel') {
        if (reg.status === 'confirmed' && session && session.seatsLeft !== null) session.seatsLeft += 1;
        reg.status = 'cancelled';
        reg.waitlistPosition = null;
        return send(res, 200, { registration: reg });
      }
    }
    if (method === 'GET' && parts[0] === 'programmes' && parts[1]) {
      return send(res, 200, {
        programme: {
          id: parts[1],
          title: { nl: 'Jaarprogramma 2099' },
          feedbackQuestions,
          privacyNotice: { url: 'https://programma.example/privacy', version: '2099-01' },
        },
      });
    }
    if (parts[0] === 'feedback' && parts[1]) {
      const reg = byToken.get(parts[1]);
      const session = reg ? state.get(reg.sessionId) : undefined;
      if (!reg || !session) return send(res, 404, problem(404, 'not-found', 'Unknown token.'));
      if (method === 'GET') {
        const opens = session.endsAt ?? `${session.date}T23:59:59+01:00`;
        // 28 calendar days in the session's zone, as the API does: 17:30 stays 17:30 across a DST change.
        const closes = DateTime.fromISO(opens, { setZone: true }).setZone(session.timeZone).plus({ days: 28 }).toISO();
        return send(res, 200, {
          session,
          questions: feedbackQuestions,
          window: { opensAt: opens, closesAt: closes, state: 'open' },
          accepting: api.feedbackRefusal === null,
          refusal: api.feedbackRefusal,
          feedback: feedbackByToken.get(parts[1]) ?? null,
          limits: { answer: 2000, comment: 4000 },
        });
      }
      if (method === 'POST') {
        const a = api.feedbackAnswer;
        if (a.status >= 300) return send(res, a.status, a.problem ?? problem(a.status, 'error', 'Failed.'));
        const input = JSON.parse(body) as { rating: number; answers: Record<string, string>; comment?: string };
        api.feedbackReceived.push({ token: parts[1], body: input });
        const earlier = feedbackByToken.get(parts[1]);
        const now = new Date().toISOString();
        const saved = {
          rating: input.rating,
          answers: input.answers,
          comment: input.comment ?? null,
          submittedAt: earlier?.submittedAt ?? now,
          updatedAt: now,
        };
        feedbackByToken.set(parts[1], saved);
        return send(res, earlier ? 200 : 201, { feedback: saved });
      }
    }
    send(res, 404, problem(404, 'not-found', 'No such route.'));
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.url = url;
  return api;
}

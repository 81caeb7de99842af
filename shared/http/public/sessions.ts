import { NotFound } from '../../domain/errors';
import { SessionView, toSessionView } from '../../domain/views';
import * as z from '../../domain/zod';
import type { Clock } from '../../ports/clock';
import type { SessionRepository } from '../../ports/sessions';
import { problems } from '../openapi';
import { SessionIdParams } from '../path-params';
import { publicRoute } from '../route';

interface SessionReadDeps {
  sessions: SessionRepository;
  clock: Clock;
}

const CACHED = { 'cache-control': 'public, max-age=30' };

export const sessionRoutes = [
  publicRoute({
    method: 'GET',
    path: '/sessions',
    summary: 'List the sessions, ordered by date (cancelled ones included and marked)',
    responses: { '200': { description: 'Sessions', schema: z.object({ sessions: z.array(SessionView) }) } },
    handle: async (_input, deps: SessionReadDeps) => {
      const now = deps.clock.now();
      const sessions = (await deps.sessions.list())
        .sort((a, b) => a.date.localeCompare(b.date) || (a.startTime ?? '').localeCompare(b.startTime ?? ''))
        .map((s) => toSessionView(s, now));
      return { status: 200, json: { sessions }, headers: CACHED };
    },
  }),
  publicRoute({
    method: 'GET',
    path: '/sessions/{sessionId}',
    params: SessionIdParams,
    notFound: 'session',
    summary: 'One session',
    responses: { '200': { description: 'The session', schema: SessionView }, ...problems(404) },
    handle: async ({ params }, deps: SessionReadDeps) => {
      const session = await deps.sessions.get(params.sessionId);
      if (!session) throw new NotFound('session');
      return { status: 200, json: toSessionView(session, deps.clock.now()), headers: CACHED };
    },
  }),
];

import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { ValidationFailed } from '../shared/domain/errors';
import { toProblem } from '../shared/http/problem';
import { type Clock, ManualClock, systemClock, travelSystemClockTo } from '../shared/ports/clock';
import type { Fired } from './scheduler';

/**
 * `POST /_local/time-travel {"to": "<instant>"}`: local stack only, never deployed (it is not in
 * the route table). Moves the local clock forward to `to` and fires every schedule due by then;
 * answers 200 `{"now": …, "fired": [{name, at, purpose, sessionId, outcome}]}`. A bad body or an
 * instant before the local clock is a 400 problem (the clock never goes back: ledgers, leases
 * and feedback windows assume time moves forward).
 */
export const TIME_TRAVEL_PATH = '/_local/time-travel';

const TimeTravelRequest = z.strictObject({
  to: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant' }),
});

/** Moves a clock the local stack owns: the process clock, or a test's ManualClock. */
export function moveClock(clock: Clock, to: Date): void {
  if (clock === systemClock) travelSystemClockTo(to);
  else if (clock instanceof ManualClock) clock.set(to);
  else throw new Error('this clock cannot be moved');
}

export function timeTravelRoute(clock: Clock, fireDue: () => Promise<Fired[]>) {
  return async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean> => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== TIME_TRAVEL_PATH) return false;
    const send = (status: number, payload: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(JSON.stringify(payload));
      return true;
    };
    const fail = (e: unknown) => {
      const p = toProblem(e);
      return send(p.status, p, 'application/problem+json');
    };
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return send(
        405,
        { type: '/problems/method-not-allowed', title: 'Method not allowed', status: 405, detail: 'Use POST.' },
        'application/problem+json',
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8') || 'null');
    } catch {
      return fail(new ValidationFailed([{ field: '(body)', message: 'must be JSON' }]));
    }
    const r = TimeTravelRequest.safeParse(parsed);
    if (!r.success) {
      return fail(
        new ValidationFailed(r.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }))),
      );
    }
    const to = new Date(r.data.to);
    const now = clock.now();
    if (to.getTime() < now.getTime()) {
      return fail(
        new ValidationFailed([
          {
            field: 'to',
            message: `must not be before the local clock (${now.toISOString()}): time only moves forward`,
          },
        ]),
      );
    }
    moveClock(clock, to);
    const fired = await fireDue();
    return send(200, {
      now: clock.now().toISOString(),
      fired: fired.map((f) => ({
        name: f.name,
        at: f.at,
        purpose: f.input.purpose,
        sessionId: f.input.sessionId,
        outcome: f.outcome,
        ...(f.result !== undefined ? { result: f.result } : {}),
      })),
    });
  };
}

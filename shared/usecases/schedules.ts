import { isHeld } from '../domain/holds';
import {
  type FiringRefusal,
  firingDecision,
  planSchedules,
  type ScheduleInput,
  type SessionScheduleInput,
  scheduledOccasion,
  scheduleName,
} from '../domain/schedules';
import { type DomainEvent, newEvent } from '../events/catalogue';
import { log } from '../log';
import type { Clock } from '../ports/clock';
import type { HoldRepository } from '../ports/holds';
import type { MailQueuePort } from '../ports/mail-queue';
import type { RegistrationRepository, RegistrationWithAttendance } from '../ports/registrations';
import type { SchedulerPort } from '../ports/scheduler';
import type { SessionRepository } from '../ports/sessions';
import { type HoldExpiryOutcome, releaseExpiredHold } from './hold-expiry';
import { type EnqueueOptions, enqueueMailJobs } from './mail/enqueue';
import { type OfferExpiryOutcome, passOnLapsedOffer } from './waitlist-offers';

/** The planner: a session event in, the session's schedules brought up to date. */
export interface PlannerDeps {
  sessions: Pick<SessionRepository, 'get' | 'getProgramme'>;
  scheduler: SchedulerPort;
  clock: Clock;
}

export interface PlanOutcome {
  sessionId: string;
  version: number | null;
  put: Array<{ name: string; at: string; result: 'created' | 'updated' }>;
  deleted: string[];
  /** Pending schedules left alone because a newer version planned them already. */
  kept: string[];
}

const PLANNED_EVENTS = new Set(['SessionPublished', 'SessionRescheduled', 'SessionTimeConfirmed', 'SessionCancelled']);

/**
 * Plans from the session as it is now (a consistent read), not from the event: a late or repeated
 * event then plans the same thing, so duplicates are harmless and order does not matter. Creating
 * is create-or-update under deterministic names. A pending schedule already planned for a newer
 * version (a concurrent planner that read later) is left as it is.
 */
export async function planSessionSchedules(deps: PlannerDeps, event: DomainEvent): Promise<PlanOutcome | null> {
  if (!PLANNED_EVENTS.has(event.name) || !('sessionId' in event.data)) return null;
  return replanSession(deps, event.data.sessionId);
}

export async function replanSession(deps: PlannerDeps, sessionId: string): Promise<PlanOutcome> {
  const session = await deps.sessions.get(sessionId);
  const outcome: PlanOutcome = { sessionId, version: session?.version ?? null, put: [], deleted: [], kept: [] };
  if (!session) {
    log('warn', 'planner: session not found', { sessionId });
    return outcome;
  }
  const programme = await deps.sessions.getProgramme(session.programmeId);
  const plan = planSchedules(session, programme, deps.clock.now());
  for (const s of plan.wanted) {
    const pending = await deps.scheduler.get(s.name);
    if (pending && pending.version > session.version) {
      outcome.kept.push(s.name);
      continue;
    }
    const result = await deps.scheduler.put(s);
    outcome.put.push({ name: s.name, at: s.input.dueAt, result });
  }
  for (const name of plan.unwanted) {
    const pending = await deps.scheduler.get(name);
    if (!pending) continue;
    if (pending.version > session.version) {
      outcome.kept.push(name);
      continue;
    }
    if (await deps.scheduler.delete(name)) outcome.deleted.push(name);
  }
  log('info', 'session schedules planned', {
    sessionId,
    version: session.version,
    put: outcome.put.length,
    deleted: outcome.deleted.length,
    kept: outcome.kept.length,
  });
  return outcome;
}

/** The dispatcher: a schedule fired; one mail job per registrant onto the mail queue. */
export interface DispatcherDeps extends EnqueueOptions {
  sessions: Pick<SessionRepository, 'get' | 'getProgramme'>;
  /** Releases holds whose address was not confirmed in time. */
  holds: Pick<HoldRepository, 'release'>;
  /** A session's registrations with attendance; one registration, for a hold's expiry. */
  registrations: Pick<RegistrationRepository, 'listWithAttendance' | 'get' | 'cancel'>;
  mailQueue: MailQueuePort;
  clock: Clock;
}

export type DispatchOutcome =
  | { result: 'dispatched'; schedule: string; jobs: number }
  | { result: 'refused'; schedule: string; why: FiringRefusal };

/**
 * Who gets the mail: confirmed registrants; for a feedback request, once attendance has been
 * recorded for anyone in the session, only those marked present.
 */
export function recipientsOf(input: Pick<ScheduleInput, 'purpose'>, regs: RegistrationWithAttendance[]) {
  // Offers have closed: the one mail goes to everyone still waiting (held ones too: it carries nothing typed).
  if (input.purpose === 'waitlist-close') {
    return regs.filter((r) => r.registration.status === 'waitlisted').map((r) => r.registration);
  }
  // A seat only held (address not confirmed) gets no reminder or feedback request.
  const confirmed = regs.filter((r) => r.registration.status === 'confirmed' && !isHeld(r.registration));
  if (input.purpose !== 'feedback-request') return confirmed.map((r) => r.registration);
  const recorded = regs.some((r) => r.attendance !== null);
  return (recorded ? confirmed.filter((r) => r.attendance?.present === true) : confirmed).map((r) => r.registration);
}

/**
 * Checks that the firing is still wanted (shared/domain/schedules.ts firingDecision), then puts
 * one ScheduledMailRequested per recipient on the mail queue. Job ids are deterministic per
 * (schedule, version, registration) and the mailer's ledger sends each (kind, occasion) once, so a
 * repeated or late firing, or a retried batch, sends nothing twice; a batch the queue keeps
 * refusing fails the invocation, so Scheduler retries the whole firing.
 */
export async function dispatchSchedule(
  deps: DispatcherDeps,
  scheduled: ScheduleInput,
): Promise<DispatchOutcome | HoldExpiryOutcome | OfferExpiryOutcome> {
  if (scheduled.purpose === 'hold-expiry') return releaseExpiredHold(deps, scheduled);
  if (scheduled.purpose === 'offer-expiry') return passOnLapsedOffer(deps, scheduled);
  const input = scheduled as SessionScheduleInput;
  const name = scheduleName(input.sessionId, input.purpose, input.offset);
  const now = deps.clock.now();
  const session = await deps.sessions.get(input.sessionId);
  const programme = session ? await deps.sessions.getProgramme(session.programmeId) : null;
  const decision = firingDecision(input, session, programme, now);
  if (!decision.send || !session) {
    const why = decision.send ? 'session-gone' : decision.why;
    log('info', 'schedule fired and does nothing', { schedule: name, version: input.version, why });
    return { result: 'refused', schedule: name, why };
  }
  const occasion = scheduledOccasion(input, session.version);
  if (input.purpose === 'access-summary') {
    // For the organisers, not per registrant: one job, which the mailer turns into one mail.
    const job = newEvent(
      {
        name: 'AccessSummaryMailRequested',
        data: { sessionId: session.id, occasion, sessionVersion: session.version, scheduleName: name },
      },
      `${name}/v${session.version}`,
      now,
    );
    await enqueueMailJobs(deps.mailQueue, [job], deps);
    log('info', 'schedule dispatched', { schedule: name, version: session.version, jobs: 1 });
    return { result: 'dispatched', schedule: name, jobs: 1 };
  }
  const purpose = input.purpose;
  const recipients = recipientsOf(input, await deps.registrations.listWithAttendance(session.id));
  const events = recipients.map((r) =>
    newEvent(
      {
        name: 'ScheduledMailRequested',
        data: {
          registrationId: r.id,
          sessionId: session.id,
          purpose,
          occasion,
          sessionVersion: session.version,
          scheduleName: name,
        },
      },
      `${name}/v${session.version}/${r.id}`,
      now,
    ),
  );
  await enqueueMailJobs(deps.mailQueue, events, deps);
  log('info', 'schedule dispatched', { schedule: name, version: session.version, jobs: events.length });
  return { result: 'dispatched', schedule: name, jobs: events.length };
}

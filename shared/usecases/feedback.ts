import { NotFound, SessionCancelled } from '../domain/errors';
import {
  type Feedback,
  type FeedbackRefusal,
  FeedbackRefused,
  type FeedbackSubmission,
  type FeedbackWindow,
  type FeedbackWindowState,
  feedbackRefusal,
  feedbackSubmissionSchema,
  feedbackWindow,
  feedbackWindowDays,
  windowState,
} from '../domain/feedback';
import { hashToken, looksLikeManageToken, registrationIdOfFeedbackToken } from '../domain/identity';
import type { Programme, Registration, Session } from '../domain/model';
import type { FeedbackQuestion } from '../domain/schemas';
import type { Clock } from '../ports/clock';
import type { FeedbackRepository, FeedbackSaveResult } from '../ports/feedback';
import type { RegistrationRepository } from '../ports/registrations';
import type { SessionRepository } from '../ports/sessions';

export interface FeedbackDeps {
  sessions: Pick<SessionRepository, 'get' | 'getProgramme'>;
  registrations: Pick<RegistrationRepository, 'findByTokenHash' | 'findById' | 'getAttendance'>;
  feedback: FeedbackRepository;
  clock: Clock;
  /** The manage-token key; feedback tokens are checked with it. */
  manageTokenSecret?: string;
}

/**
 * The registration a feedback link opens. Mails carry a feedback token (identity.ts), which opens
 * this form only; a manage token still opens it too, because feedback mails sent before feedback
 * tokens existed carry one (see docs/privacy.md).
 */
async function registrationOfFeedbackLink(deps: FeedbackDeps, token: string): Promise<Registration | null> {
  if (looksLikeManageToken(token)) return deps.registrations.findByTokenHash(hashToken(token));
  const id = deps.manageTokenSecret ? registrationIdOfFeedbackToken(deps.manageTokenSecret, token) : null;
  if (id === null) return null;
  const registration = await deps.registrations.findById(id);
  // Erased (or expired) data: the link stops working, as a manage link does.
  return registration && !registration.anonymisedAt ? registration : null;
}

/** Everything the feedback page needs: the questions, the window, and what was submitted so far. */
export interface FeedbackContext {
  registration: Registration;
  session: Session;
  programme: Programme | null;
  questions: FeedbackQuestion[];
  window: FeedbackWindow;
  state: FeedbackWindowState;
  /** Null when a submission (or change) would be accepted now. */
  refusal: FeedbackRefusal | null;
  feedback: Feedback | null;
}

/** Validates a decoded body against the programme's questions (the HTTP edge supplies it). */
export type SubmissionParser = (schema: ReturnType<typeof feedbackSubmissionSchema>) => FeedbackSubmission;

export async function findFeedbackByToken(deps: FeedbackDeps, token: string): Promise<FeedbackContext> {
  const registration = await registrationOfFeedbackLink(deps, token);
  if (!registration) throw new NotFound('registration');
  const session = await deps.sessions.get(registration.sessionId);
  if (!session) throw new NotFound('session');
  const [programme, attendance, feedback] = await Promise.all([
    deps.sessions.getProgramme(session.programmeId),
    deps.registrations.getAttendance(registration),
    deps.feedback.get(session.id, registration.id),
  ]);
  const now = deps.clock.now();
  const window = feedbackWindow(session, feedbackWindowDays(programme));
  return {
    registration,
    session,
    programme,
    questions: programme?.feedbackQuestions ?? [],
    window,
    state: windowState(window, now),
    refusal: feedbackRefusal({ session, registration, attendance, window, now }),
    feedback,
  };
}

/**
 * Submits or changes the one feedback of a registration. Refusals (409) come before validation
 * (400): someone whose window has closed learns that first. The repository re-checks, in the
 * write's own conditions, that the registration is still confirmed and not marked absent.
 */
export async function submitFeedback(
  deps: FeedbackDeps,
  token: string,
  parse: SubmissionParser,
): Promise<FeedbackSaveResult> {
  const ctx = await findFeedbackByToken(deps, token);
  if (ctx.refusal === 'session-cancelled') throw new SessionCancelled(ctx.session.id);
  if (ctx.refusal !== null) throw new FeedbackRefused(ctx.refusal);
  const submission = parse(feedbackSubmissionSchema(ctx.questions));
  return deps.feedback.save(
    {
      ...submission,
      sessionId: ctx.session.id,
      registrationId: ctx.registration.id,
      programmeId: ctx.session.programmeId,
      sessionKind: ctx.session.kind,
      role: ctx.registration.role,
      neighbourhood: ctx.registration.neighbourhood,
    },
    deps.clock.now(),
  );
}

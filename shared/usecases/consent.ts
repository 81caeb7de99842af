import type { Programme, Session } from '../domain/model';
import { type PrivacyNotice, personalDataExpiresAt, retentionPolicyOf } from '../domain/privacy';
import type { PrivacyRepository } from '../ports/privacy';
import type { SessionRepository } from '../ports/sessions';

export interface ConsentDeps {
  sessions: Pick<SessionRepository, 'getProgramme' | 'list'>;
  privacy: Pick<PrivacyRepository, 'liftErasureSuppression'>;
}

export interface ConsentFields {
  /** The notice agreed to; null when the programme names none (the README asks organisers to set one). */
  privacyNotice: PrivacyNotice | null;
  personalDataExpiresAt: number;
}

/**
 * What a registration records about the consent given (the notice and its version; the time is
 * the registration's `consentAt`) and how long its personal data is kept.
 */
export async function consentFields(
  deps: Pick<ConsentDeps, 'sessions'>,
  session: Session,
  /** The session's programme when the caller has read it already (null: it has none). */
  known?: Programme | null,
): Promise<ConsentFields> {
  const [programme, all] = await Promise.all([
    known !== undefined ? known : deps.sessions.getProgramme(session.programmeId),
    deps.sessions.list(),
  ]);
  const policy = retentionPolicyOf(programme);
  const siblings = policy.after === 'programme-end' ? all.filter((s) => s.programmeId === session.programmeId) : [];
  return {
    privacyNotice: programme?.privacyNotice ?? null,
    personalDataExpiresAt: personalDataExpiresAt(session, siblings, policy),
  };
}

/**
 * The consent fields, with the erasure suppression lifted: someone erased earlier who registers
 * again gives new consent, so their confirmation is not held back. The reads and the lift run side
 * by side (one round trip of latency). Registrations through the API leave it to the mailer, which
 * lifts it for mail whose consent is newer than the erasure (SuppressionRepository.isSuppressed).
 */
export async function consentFor(
  deps: ConsentDeps,
  session: Session,
  emailHash: string,
  known?: Programme | null,
): Promise<ConsentFields> {
  const [fields] = await Promise.all([
    consentFields(deps, session, known),
    deps.privacy.liftErasureSuppression(emailHash),
  ]);
  return fields;
}

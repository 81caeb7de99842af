import { randomUUID } from 'node:crypto';
import { type AreaOption, areaOptions } from '../domain/areas';
import { questionsOf } from '../domain/default-questions';
import { NotFound } from '../domain/errors';
import type { Programme, Registration, Session } from '../domain/model';
import {
  type ErasureActor,
  type ErasureRecord,
  erasedByLabel,
  hasSessionEnded,
  isDueForAnonymisation,
  type PrivacyNotice,
  personalDataExpiresAt,
  retentionPolicyOf,
} from '../domain/privacy';
import type { FeedbackQuestion, LocalisedText, RegistrationQuestion } from '../domain/schemas';
import { type SessionView, toSessionView } from '../domain/views';
import { log } from '../log';
import type { Clock } from '../ports/clock';
import type { MailRecord, PrivacyRepository, RegistrationRef } from '../ports/privacy';
import type { RegistrationRepository } from '../ports/registrations';
import type { SessionRepository } from '../ports/sessions';
import { findRegistrationByToken } from './registrations';
import { keepVisitsBeforeErasure, type VisitDeps } from './visits';

export interface PrivacyDeps extends VisitDeps {
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  privacy: PrivacyRepository;
  clock: Clock;
}

/** What the web forms need of a programme: its questions and the privacy notice to link to. */
export interface PublicProgramme {
  id: string;
  title: LocalisedText;
  feedbackQuestions: FeedbackQuestion[];
  /** Absent when the programme asks none (older clients know only the fields above). */
  registrationQuestions?: RegistrationQuestion[];
  /** The areas to choose from ("other" last), when the programme asks for an area instead of free text. */
  areas?: { options: AreaOption[]; askPostcode: boolean };
  privacyNotice: PrivacyNotice | null;
}

export async function getPublicProgramme(deps: Pick<PrivacyDeps, 'sessions'>, id: string): Promise<PublicProgramme> {
  const p = await deps.sessions.getProgramme(id);
  if (!p) throw new NotFound('programme');
  return {
    id: p.id,
    title: p.title,
    feedbackQuestions: p.feedbackQuestions,
    ...(questionsOf(p).length ? { registrationQuestions: questionsOf(p) } : {}),
    ...(p.areas ? { areas: { options: areaOptions(p.areas), askPostcode: p.areas.askPostcode } } : {}),
    privacyNotice: p.privacyNotice ?? null,
  };
}

/**
 * Everything held about the registration a manage link belongs to (AVG art. 15 and 20), as JSON.
 * Scope: that one registration. The link is handed to whoever submits the form, without proof that
 * they own the address, so it must not open up other registrations made with the same address.
 */
export interface PersonalDataExport {
  exportedAt: string;
  scope: 'registration';
  explanation: string;
  programme: { id: string; title: LocalisedText; privacyNotice: PrivacyNotice | null } | null;
  session: SessionView;
  registration: Record<string, unknown>;
  consent: { givenAt: string; privacyNotice: PrivacyNotice | null };
  retention: { personalDataErasedAfter: string | null };
  /** The feedback given after the session, if any. It holds no identity and stays after erasure. */
  feedback: Record<string, unknown> | null;
  /** The mails sent about it: kind and occasion, status and times (the texts are not kept). */
  mails: MailRecord[];
  /** Other records about this registration (feedback, …), as stored, internal keys removed. */
  otherRecords: Record<string, unknown>[];
}

const EXPORT_EXPLANATION =
  'All data this registration service holds about the registration this link belongs to. ' +
  'Other registrations made with the same email address each have their own link; the person link ' +
  '(mailed to the address on request) exports or erases all of them in the programme.';

/** One registration's part of an export: everything held about it, as stored. */
export type RegistrationExport = Omit<PersonalDataExport, 'exportedAt' | 'scope' | 'explanation' | 'programme'>;

/** Everything held about one registration; null when its record is gone. */
export async function registrationExport(
  deps: PrivacyDeps,
  registration: Registration,
  session: Session,
  waitlistPosition: number | null,
): Promise<RegistrationExport | null> {
  const ref = { sessionId: registration.sessionId, registrationId: registration.id };
  const item = await deps.privacy.registrationItem(ref);
  if (!item) return null;
  const feedback = await deps.privacy.feedbackItem(ref);
  const expires = registration.personalDataExpiresAt;
  return {
    session: toSessionView(session, deps.clock.now()),
    registration: {
      ...item,
      id: registration.id,
      waitlistPosition,
    },
    consent: { givenAt: registration.consentAt, privacyNotice: registration.privacyNotice ?? null },
    retention: { personalDataErasedAfter: typeof expires === 'number' ? new Date(expires * 1000).toISOString() : null },
    feedback,
    mails: await deps.privacy.mailRecords(registration.id),
    otherRecords: await deps.privacy.relatedItems(registration.id),
  };
}

export const programmeInExport = (programme: Programme | null) =>
  programme ? { id: programme.id, title: programme.title, privacyNotice: programme.privacyNotice ?? null } : null;

export async function exportByToken(deps: PrivacyDeps, token: string): Promise<PersonalDataExport> {
  const { registration, session, waitlistPosition } = await findRegistrationByToken(deps, token);
  const part = await registrationExport(deps, registration, session, waitlistPosition);
  if (!part) throw new NotFound('registration');
  const programme = await deps.sessions.getProgramme(session.programmeId);
  return {
    exportedAt: deps.clock.now().toISOString(),
    scope: 'registration',
    explanation: EXPORT_EXPLANATION,
    programme: programmeInExport(programme),
    ...part,
  };
}

/**
 * Erases registrations (AVG art. 17). Personal fields go first, so that no message about the
 * cancellation can reach the address; then a registration for a session still to come is
 * cancelled, which frees its seat for the first on the waiting list. Attendance, role,
 * neighbourhood and status stay for the anonymous counts. An erasure record keeps when, by whom
 * and how much, never what.
 */
async function erase(
  deps: PrivacyDeps,
  refs: RegistrationRef[],
  actor: ErasureActor,
  scope: ErasureRecord['scope'],
  suppressEmailHash: string | null,
): Promise<ErasureRecord> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const by = erasedByLabel(actor);
  // Suppress first: a mail already queued for this address is held back by the mailer's check.
  if (suppressEmailHash) await deps.privacy.suppress(suppressEmailHash, 'erased', at);
  const sessions = new Map<string, Session | null>();
  const registrationIds: string[] = [];
  let cancelled = 0;
  await keepVisitsBeforeErasure(deps, refs);
  for (const ref of refs) {
    if (await deps.privacy.anonymise(ref, at, by)) registrationIds.push(ref.registrationId);
    const reg = await deps.registrations.get(ref.sessionId, ref.registrationId);
    if (!reg || reg.status === 'cancelled') continue;
    if (!sessions.has(ref.sessionId)) sessions.set(ref.sessionId, await deps.sessions.get(ref.sessionId));
    const session = sessions.get(ref.sessionId);
    if (session && !hasSessionEnded(session, now)) {
      const outcome = await deps.registrations.cancel(reg, now);
      if (outcome.changed) cancelled++;
    }
  }
  const record: ErasureRecord = {
    id: randomUUID(),
    at,
    by,
    scope,
    registrationIds,
    cancelled,
    anonymised: registrationIds.length,
    suppressed: suppressEmailHash !== null,
  };
  await deps.privacy.recordErasure(record);
  log('info', 'personal data erased', {
    erasureId: record.id,
    by: actor.kind,
    scope,
    anonymised: record.anonymised,
    cancelled,
  });
  return record;
}

/**
 * Self-service erasure through the manage link: the registration it belongs to. It is cancelled
 * when its session is still to come (the seat goes to the waiting list), its personal fields are
 * erased and the link stops working. No address-wide suppression here: the link does not prove
 * ownership of the address, and an address-wide effect would let anyone who typed someone else's
 * address into the form silence or cancel that person's registrations.
 */
export async function eraseByToken(deps: PrivacyDeps, token: string): Promise<ErasureRecord> {
  const { registration } = await findRegistrationByToken(deps, token);
  return erase(
    deps,
    [{ sessionId: registration.sessionId, registrationId: registration.id }],
    { kind: 'registrant' },
    'registration',
    null,
  );
}

/**
 * Erasure through the person link, which only the address receives (the mails, or on request):
 * every registration of the address in the programme (`refs`), cancelled where its session is
 * still to come, and further mail to the address suppressed. The people store's records of the
 * address are removed by the caller (usecases/person-data.ts).
 */
export const eraseForPerson = (deps: PrivacyDeps, refs: RegistrationRef[], emailHash: string) =>
  erase(deps, refs, { kind: 'registrant' }, 'person', emailHash);

export type OrganiserErasureScope = 'address' | 'registration';

/**
 * Erasure by an organiser on request, after they have checked who is asking. Scope `address`
 * (the default) erases every registration made with the registration's email address in this
 * deployment and suppresses further mail to it; `registration` only that one.
 */
export async function eraseOnRequest(
  deps: PrivacyDeps,
  organiserSub: string,
  registrationId: string,
  scope: OrganiserErasureScope = 'address',
): Promise<ErasureRecord> {
  const reg = await deps.registrations.findById(registrationId);
  if (!reg) throw new NotFound('registration');
  const self = { sessionId: reg.sessionId, registrationId: reg.id };
  const byAddress = scope === 'address' && reg.emailHash ? reg.emailHash : null;
  const refs = byAddress ? await deps.privacy.registrationsOfAddress(byAddress) : [];
  if (!refs.some((r) => r.registrationId === reg.id)) refs.push(self);
  return erase(deps, refs, { kind: 'organiser', sub: organiserSub }, scope, byAddress);
}

/** Erasure records of a month (YYYY-MM), newest first: what organisers see instead of the data. */
export const listErasures = (deps: Pick<PrivacyDeps, 'privacy'>, month: string) => deps.privacy.listErasures(month);

const expiryOf = (session: Session, programmes: Map<string, Programme | null>, all: Session[]) =>
  personalDataExpiresAt(
    session,
    all.filter((s) => s.programmeId === session.programmeId),
    retentionPolicyOf(programmes.get(session.programmeId) ?? null),
  );

async function programmesOf(deps: Pick<PrivacyDeps, 'sessions'>, sessions: Session[]) {
  const programmes = new Map<string, Programme | null>();
  for (const id of new Set(sessions.map((s) => s.programmeId))) {
    programmes.set(id, await deps.sessions.getProgramme(id));
  }
  return programmes;
}

/** What the daily retention run reads and writes: it finds what is due in the privacy records, not in the registrations. */
export type RetentionRunDeps = Omit<PrivacyDeps, 'registrations'>;

export interface RetentionRun {
  sessionsChecked: number;
  anonymised: number;
  erasureId: string | null;
}

/**
 * The daily retention job: anonymises every registration whose personal data has expired.
 * Only sessions that have ended can hold expired data (an expiry is never before its session).
 * Idempotent: a registration anonymised once is skipped, so a repeated or overlapping run is harmless.
 */
export async function runRetention(deps: RetentionRunDeps): Promise<RetentionRun> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const all = await deps.sessions.list();
  const programmes = await programmesOf(deps, all);
  const ended = all.filter((s) => hasSessionEnded(s, now));
  const registrationIds: string[] = [];
  const due: RegistrationRef[] = [];
  for (const session of ended) {
    const sessionExpiry = expiryOf(session, programmes, all);
    for (const item of await deps.privacy.unanonymisedInSession(session.id)) {
      if (!isDueForAnonymisation(item, sessionExpiry, now)) continue;
      due.push({ sessionId: session.id, registrationId: String(item.registrationId) });
    }
  }
  // The reads apply the expiry already, so the hashes are read from the raw items inside.
  await keepVisitsBeforeErasure(deps, due);
  for (const ref of due) {
    if (await deps.privacy.anonymise(ref, at, 'retention')) registrationIds.push(ref.registrationId);
  }
  let erasureId: string | null = null;
  if (registrationIds.length > 0) {
    const record: ErasureRecord = {
      id: randomUUID(),
      at,
      by: 'retention',
      scope: 'retention',
      registrationIds,
      cancelled: 0,
      anonymised: registrationIds.length,
      suppressed: false,
    };
    await deps.privacy.recordErasure(record);
    erasureId = record.id;
  }
  log('info', 'retention run', { sessionsChecked: ended.length, anonymised: registrationIds.length, erasureId });
  return { sessionsChecked: ended.length, anonymised: registrationIds.length, erasureId };
}

/**
 * Recomputes expiries after sessions of a programme moved later or its retention grew, so that
 * reads do not treat the data as gone too early. Expiries only ever move later here; a shorter
 * period is applied by the retention job, which also checks today's settings.
 */
export async function refreshPersonalDataExpiry(deps: PrivacyDeps, programmeId: string): Promise<number> {
  const all = await deps.sessions.list();
  const programmes = await programmesOf(deps, all);
  let extended = 0;
  for (const session of all.filter((s) => s.programmeId === programmeId)) {
    const expiry = expiryOf(session, programmes, all);
    for (const reg of await deps.registrations.listForSession(session.id)) {
      if (reg.anonymisedAt) continue;
      if (await deps.privacy.extendExpiry({ sessionId: session.id, registrationId: reg.id }, expiry)) extended++;
    }
  }
  return extended;
}

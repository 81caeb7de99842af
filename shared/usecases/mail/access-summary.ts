import { renderAccessSummary } from '../../domain/email/access-summary';
import type { EventData } from '../../events/catalogue';
import { log } from '../../log';
import { sessionAccessNeeds } from '../organiser/access-needs';
import { InconsistentData, type MailerDeps, type MailOutcome } from './deps';
import { composeAndSend, sendOnce } from './send-once';

/** The ledger's key of mails about a session rather than to a registrant. */
export const sessionMailKey = (sessionId: string) => `SESSION#${sessionId}`;

/**
 * A session's "to arrange" summary to its organisers (`inclusion.organiserEmail`, else the sender
 * address), sent at most once per (session, occasion) through the same ledger as registrant mails:
 * a repeated job, a retried batch or a second firing finds the entry sent. Nothing goes when the
 * programme stopped asking access needs, or when nobody asked for anything.
 */
export async function mailAccessSummary(
  deps: MailerDeps,
  job: EventData<'AccessSummaryMailRequested'>,
): Promise<MailOutcome> {
  if (!deps.accessNeeds) throw new InconsistentData('the mailer has no access-needs store');
  const session = await deps.sessions.get(job.sessionId);
  if (!session) return { result: 'skipped', why: 'registration-gone' };
  const programme = await deps.sessions.getProgramme(session.programmeId);
  if (!programme) throw new InconsistentData(`programme ${session.programmeId} not found`);
  if (!programme.inclusion?.accessNeeds || session.status !== 'scheduled') {
    log('info', 'access summary skipped: not applicable', { sessionId: session.id });
    return { result: 'skipped', why: 'not-applicable' };
  }
  const summary = await sessionAccessNeeds(
    { sessions: deps.sessions, registrations: deps.registrations, accessNeeds: deps.accessNeeds, clock: deps.clock },
    session.id,
  );
  const lines = summary.needs.map((l) => ({
    need: l.need,
    label: l.label,
    count: l.count,
    arranged: l.arranged !== null,
    people: l.people,
  }));
  if (!lines.some((l) => l.count > 0)) {
    log('info', 'access summary skipped: nothing asked', { sessionId: session.id });
    return { result: 'skipped', why: 'not-applicable' };
  }
  const to = programme.inclusion.organiserEmail ?? deps.organiser.email;
  const key = sessionMailKey(session.id);
  const entry = `access-summary#${job.occasion}`;
  const language = programme.inclusion.organiserLanguage ?? 'nl';
  const outcome = await sendOnce(deps, key, entry, (now) => {
    const content = renderAccessSummary({
      session,
      language,
      lines,
      ...(deps.links.consoleSession ? { consoleLink: deps.links.consoleSession(session.id) } : {}),
    });
    return composeAndSend(deps, {
      to: { name: deps.organiser.name, address: to },
      content,
      ledgerRef: `${key}/${entry}`,
      date: now,
    });
  });
  if (outcome.result !== 'sent') return outcome;
  log('info', 'access summary sent', { sessionId: session.id, occasion: job.occasion, messageId: outcome.messageId });
  return outcome;
}

import { renderPersonLinkMail } from '../../domain/email/person-link';
import { hashToken } from '../../domain/identity';
import type { EventData } from '../../events/catalogue';
import { log } from '../../log';
import { DEFAULT_LEASE_MS, InconsistentData, type MailerDeps, MailInProgress, type MailOutcome } from './deps';

/** The ledger's key of mails to a person rather than about one registration (the person's random id). */
export const personMailKey = (personId: string) => `PERSON#${personId}`;

/**
 * The person link on request (POST /people/requests). The API answered the same whatever the
 * address; here it is decided whether anything goes: only to an address with a person in the
 * programme whose address is confirmed there, not suppressed. The link is the person's derived
 * token (as in the confirmation mails), its hash stored again so it opens the page even for a
 * person made before the link secret. At most once per request (ledger entry by the request's
 * time); the API opens at most one request per address per 10 minutes.
 */
export async function mailPersonLink(
  deps: MailerDeps,
  request: EventData<'PersonLinkRequested'>,
): Promise<MailOutcome> {
  if (!deps.people || !deps.links.person || !deps.links.personToken) {
    throw new InconsistentData('the mailer has no people store or person links');
  }
  const person = await deps.people.get(request.programmeId, request.addressHash);
  if (!person) {
    log('info', 'person link skipped: no person', { programmeId: request.programmeId });
    return { result: 'skipped', why: 'not-applicable' };
  }
  const confirmedAt =
    person.addressConfirmedAt ??
    (deps.holds ? await deps.holds.addressConfirmedAt(person.programmeId, person.emailHash) : null);
  if (confirmedAt === null) {
    log('info', 'person link skipped: address not confirmed', { personId: person.id });
    return { result: 'skipped', why: 'not-applicable' };
  }
  if (await deps.suppressions.isSuppressed(person.emailHash)) {
    log('info', 'person link skipped: address suppressed', { personId: person.id });
    return { result: 'skipped', why: 'suppressed' };
  }
  const programme = await deps.sessions.getProgramme(person.programmeId);
  if (!programme) throw new InconsistentData(`programme ${person.programmeId} not found`);

  const key = personMailKey(person.id);
  const entry = `person-link#${request.requestedAt}`;
  const now = deps.clock.now();
  const claim = await deps.ledger.claim(key, entry, now, deps.leaseMs ?? DEFAULT_LEASE_MS);
  if (claim === 'already-sent') return { result: 'skipped', why: 'already-sent' };
  if (claim === 'in-progress') throw new MailInProgress(entry);
  let messageId: string;
  try {
    await deps.people.addToken(person, hashToken(deps.links.personToken(person.id)), null);
    const content = renderPersonLinkMail({
      programme,
      language: person.language,
      personLink: deps.links.person(person.id),
    });
    const raw = await deps.compose({
      from: { name: deps.organiser.name, address: deps.organiser.email },
      to: { name: '', address: person.email },
      subject: content.subject,
      text: content.text,
      html: content.html,
      headers: { 'X-Stadsgesprekken-Mail': `${key}/${entry}` },
      date: now,
    });
    ({ messageId } = await deps.sender.sendRaw({ from: deps.organiser.email, to: person.email, raw }));
  } catch (e) {
    await deps.ledger.release(key, entry);
    throw e;
  }
  await deps.ledger.markSent(key, entry, messageId, deps.clock.now());
  log('info', 'person link sent', { personId: person.id, messageId });
  return { result: 'sent', messageId };
}

import { renderPersonLinkMail } from '../../domain/email/person-link';
import { hashToken } from '../../domain/identity';
import type { EventData } from '../../events/catalogue';
import { log } from '../../log';
import type { Person } from '../../ports/people';
import { InconsistentData, type MailerDeps, type MailOutcome } from './deps';
import { composeAndSend, sendOnce } from './send-once';

/** The ledger's key of mails to a person rather than about one registration (the person's random id). */
export const personMailKey = (personId: string) => `PERSON#${personId}`;

/** When the person's address was confirmed for the programme (on the person, else the confirmation item); null if never. */
export const addressConfirmedAt = async (
  deps: Pick<MailerDeps, 'holds'>,
  person: Pick<Person, 'programmeId' | 'emailHash' | 'addressConfirmedAt'>,
): Promise<string | null> =>
  person.addressConfirmedAt ??
  (deps.holds ? await deps.holds.addressConfirmedAt(person.programmeId, person.emailHash) : null);

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
  if ((await addressConfirmedAt(deps, person)) === null) {
    log('info', 'person link skipped: address not confirmed', { personId: person.id });
    return { result: 'skipped', why: 'not-applicable' };
  }
  if (await deps.suppressions.isSuppressed(person.emailHash, person.createdAt)) {
    log('info', 'person link skipped: address suppressed', { personId: person.id });
    return { result: 'skipped', why: 'suppressed' };
  }
  const programme = await deps.sessions.getProgramme(person.programmeId);
  if (!programme) throw new InconsistentData(`programme ${person.programmeId} not found`);

  const key = personMailKey(person.id);
  const entry = `person-link#${request.requestedAt}`;
  const people = deps.people;
  const links = { person: deps.links.person, personToken: deps.links.personToken };
  const outcome = await sendOnce(deps, key, entry, async (now) => {
    await people.addToken(person, hashToken(links.personToken(person.id)), null);
    const content = renderPersonLinkMail({
      programme,
      language: person.language,
      personLink: links.person(person.id),
    });
    return composeAndSend(deps, {
      to: { name: '', address: person.email },
      content,
      ledgerRef: `${key}/${entry}`,
      date: now,
    });
  });
  if (outcome.result === 'sent') log('info', 'person link sent', { personId: person.id, messageId: outcome.messageId });
  return outcome;
}

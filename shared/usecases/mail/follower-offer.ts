import { renderFollowerOfferMail } from '../../domain/email/follower-offer';
import { hashToken } from '../../domain/identity';
import { isRegistrationOpen } from '../../domain/session-rules';
import type { EventData, EventOf } from '../../events/catalogue';
import { log } from '../../log';
import { InconsistentData, type MailerDeps, type MailOutcome } from './deps';
import { fanOut } from './fan-out';
import { addressConfirmedAt, personMailKey } from './person-link';
import { composeAndSend, sendOnce } from './send-once';

type OfferCause = EventOf<'SessionPublished' | 'SessionTimeConfirmed'>;

/**
 * A session added to a programme, or one whose time became known, is offered to every follower of
 * the programme: one FollowerOfferMailRequested per follower, job id `<event id>/<person id>`.
 * Whom it still reaches (following, confirmed, not registered) is decided per job when it is sent.
 */
export async function fanOutFollowerOffers(deps: MailerDeps, event: OfferCause): Promise<MailOutcome> {
  const { sessionId, sessionVersion } = event.data;
  const session = await deps.sessions.get(sessionId);
  if (!session?.programmeId || !deps.people) {
    log('info', 'no follower offers: the session is gone or in no programme', { sessionId });
    return { result: 'skipped', why: 'not-applicable' };
  }
  const programmeId = session.programmeId;
  const followers = await deps.people.listFollowers(programmeId);
  return fanOut(
    deps,
    event,
    followers,
    (person) => ({
      name: 'FollowerOfferMailRequested',
      data: {
        programmeId,
        addressHash: person.emailHash,
        sessionId,
        reason: event.name,
        sessionVersion,
        causationId: event.metadata.eventId,
      },
    }),
    { sessionId, programmeId, offers: true },
  );
}

/**
 * One follower's offer, with the take-seat link (the person's derived token, its hash stored again
 * as the person-link mail does). It goes only while it still makes sense: the person still
 * follows, their address is confirmed for the programme and not suppressed, the session is
 * scheduled and open for registration, and the address holds no live registration for it. The
 * ledger entry `offer#<session>#<reason>` under the person sends it once however often the event
 * or the job is delivered; a session published without a time and timed later gets one mail per
 * reason (see docs/events.md).
 */
export async function mailFollowerOffer(
  deps: MailerDeps,
  d: EventData<'FollowerOfferMailRequested'>,
): Promise<MailOutcome> {
  const { people } = deps;
  const { person: personLink, takeSeat, personToken } = deps.links;
  if (!people || !personLink || !takeSeat || !personToken) {
    throw new InconsistentData('the mailer has no people store or person links');
  }
  const skip = (why: string): MailOutcome => {
    log('info', `follower offer skipped: ${why}`, { sessionId: d.sessionId, reason: d.reason });
    return { result: 'skipped', why: 'not-applicable' };
  };
  const person = await people.get(d.programmeId, d.addressHash);
  if (!person) return skip('no person');
  if (!person.following) return skip('no longer following');
  if ((await addressConfirmedAt(deps, person)) === null) return skip('address not confirmed');
  const session = await deps.sessions.get(d.sessionId);
  const now = deps.clock.now();
  if (!session || session.programmeId !== d.programmeId) return skip('session gone');
  // Someone who joined the programme after the session was published found it there already: a late
  // delivery of the publication (a retry, a redrive) has nothing new for them. Both times are the
  // application's own clock.
  if (d.reason === 'SessionPublished' && person.createdAt > session.createdAt)
    return skip('joined after it was published');
  if (session.status !== 'scheduled' || !isRegistrationOpen(session, now)) return skip('registration not open');
  if (await deps.registrations.isRegistered(d.sessionId, person.emailHash)) return skip('already registered');
  if (await deps.suppressions.isSuppressed(person.emailHash, person.createdAt)) {
    log('info', 'follower offer skipped: address suppressed', { personId: person.id });
    return { result: 'skipped', why: 'suppressed' };
  }
  const programme = await deps.sessions.getProgramme(d.programmeId);
  if (!programme) throw new InconsistentData(`programme ${d.programmeId} not found`);

  const key = personMailKey(person.id);
  const entry = `offer#${d.sessionId}#${d.reason}`;
  const outcome = await sendOnce(deps, key, entry, async (at) => {
    await people.addToken(person, hashToken(personToken(person.id)), null);
    const content = renderFollowerOfferMail({
      programme,
      session,
      reason: d.reason,
      language: person.language,
      takeSeatLink: takeSeat(person.id, session.id),
      personLink: personLink(person.id),
    });
    return composeAndSend(deps, {
      to: { name: '', address: person.email },
      content,
      ledgerRef: `${key}/${entry}`,
      date: at,
    });
  });
  if (outcome.result === 'sent') {
    log('info', 'follower offer sent', { personId: person.id, sessionId: d.sessionId, messageId: outcome.messageId });
  }
  return outcome;
}

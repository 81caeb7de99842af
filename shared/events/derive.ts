import type { Location } from '../domain/schemas';
import type { PendingEvent, SessionTiming } from './catalogue';

/**
 * Domain events derived from a table change (the stream's old and new images, unmarshalled).
 * Pure: the same images always give the same events, in the same order, so a re-delivered stream
 * record produces the same events with the same ids.
 *
 * The images are the truth, whatever code wrote them (public API, organiser API, a script), so
 * no API handler publishes events itself. Items that are not registrations or sessions
 * (tokens, the send ledger, suppressions, counters on the session) yield nothing, except the
 * email guard's duplicate-attempt stamp, a newly posted organiser message (announcement) and a
 * person-link request.
 */
export type TableKind = 'sessions' | 'registrations';
export type Image = Record<string, unknown>;

export function deriveEvents(
  table: TableKind,
  oldImage: Image | undefined,
  newImage: Image | undefined,
): PendingEvent[] {
  return table === 'sessions' ? sessionEvents(oldImage, newImage) : registrationEvents(oldImage, newImage);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function registrationEvents(oldImage: Image | undefined, newImage: Image | undefined): PendingEvent[] {
  if (!newImage) return []; // a deletion (guard released, TTL) is not news to anyone
  const type = newImage.type;
  if (type === 'registration') {
    const registrationId = str(newImage.registrationId) ?? str(newImage.id);
    const sessionId = str(newImage.sessionId);
    if (!registrationId || !sessionId) throw new MalformedImage('registration without registrationId or sessionId');
    const data = { registrationId, sessionId };
    const before = oldImage?.status;
    const after = newImage.status;
    // Address confirmation (shared/domain/holds.ts): a hold that ends by the click.
    const held = typeof newImage.holdExpiresAt === 'string' && !newImage.addressConfirmedAt;
    const confirmedNow =
      typeof oldImage?.holdExpiresAt === 'string' &&
      !oldImage.addressConfirmedAt &&
      typeof newImage.addressConfirmedAt === 'string';
    if (before === after) return confirmedNow ? [{ name: 'AddressConfirmed', data }] : [];
    if (before === undefined) {
      const holding: PendingEvent[] =
        held && (after === 'confirmed' || after === 'waitlisted')
          ? [{ name: 'RegistrationHeld', data: { ...data, holdExpiresAt: String(newImage.holdExpiresAt) } }]
          : [];
      if (after === 'confirmed') return [{ name: 'RegistrationConfirmed', data }, ...holding];
      if (after === 'waitlisted') return [{ name: 'RegistrationWaitlisted', data }, ...holding];
      return [];
    }
    // An offer claimed is a promotion like any other: the confirmation with the invite follows.
    if ((before === 'waitlisted' || before === 'offered') && after === 'confirmed') {
      return [{ name: 'RegistrationPromoted', data }];
    }
    if (before === 'waitlisted' && after === 'offered') {
      const offerExpiresAt = str(newImage.offerExpiresAt);
      if (!offerExpiresAt) throw new MalformedImage('offered registration without offerExpiresAt');
      return [{ name: 'WaitlistOfferMade', data: { ...data, offerExpiresAt } }];
    }
    if ((before === 'confirmed' || before === 'waitlisted' || before === 'offered') && after === 'cancelled') {
      const reason = newImage.releasedBecause;
      if (reason === 'hold-expired' || reason === 'address-bounced') {
        return [{ name: 'HoldReleased', data: { ...data, reason } }];
      }
      if (reason === 'offer-lapsed') return [{ name: 'WaitlistOfferLapsed', data }];
      return [{ name: 'RegistrationCancelled', data }];
    }
    return [];
  }
  if (type === 'email-guard') {
    const at = newImage.lastDuplicateAttemptAt;
    if (typeof at !== 'number' || at === oldImage?.lastDuplicateAttemptAt) return [];
    const registrationId = str(newImage.registrationId);
    const sessionId = str(newImage.sessionId);
    if (!registrationId || !sessionId) throw new MalformedImage('email guard without registrationId or sessionId');
    return [
      {
        name: 'DuplicateRegistrationAttempted',
        data: { registrationId, sessionId, attemptedAt: new Date(at).toISOString() },
      },
    ];
  }
  if (type === 'person-link-request') {
    // Written only when the address's 10-minute window was open (adapters/dynamodb/people.ts).
    const requestedAt = str(newImage.requestedAt);
    if (requestedAt === null || requestedAt === str(oldImage?.requestedAt)) return [];
    const programmeId = str(newImage.programmeId);
    const addressHash = str(newImage.personHash);
    if (!programmeId || !addressHash) throw new MalformedImage('person-link request without programmeId or personHash');
    return [{ name: 'PersonLinkRequested', data: { programmeId, addressHash, requestedAt } }];
  }
  return [];
}

const timingOf = (i: Image): SessionTiming => ({
  date: String(i.date),
  startTime: str(i.startTime),
  endTime: str(i.endTime),
});

const locationOf = (i: Image): Location | null => {
  const l = i.location as Location | null | undefined;
  if (!l) return null;
  return l.address === undefined ? { name: l.name } : { name: l.name, address: l.address };
};

const sameLocation = (a: Location | null, b: Location | null) =>
  a === b || (a !== null && b !== null && a.name === b.name && (a.address ?? '') === (b.address ?? ''));

function sessionEvents(oldImage: Image | undefined, newImage: Image | undefined): PendingEvent[] {
  if (newImage?.type === 'announcement') return announcementEvents(oldImage, newImage);
  if (newImage?.type !== 'session') return [];
  const sessionId = str(newImage.id);
  const sessionVersion = newImage.version;
  if (!sessionId || typeof sessionVersion !== 'number') throw new MalformedImage('session without id or version');
  if (!oldImage) return [{ name: 'SessionPublished', data: { sessionId, sessionVersion } }];

  if (oldImage.status !== 'cancelled' && newImage.status === 'cancelled') {
    // Whatever else changed with it, registrants only need to hear that it is off.
    return [{ name: 'SessionCancelled', data: { sessionId, sessionVersion } }];
  }
  if (newImage.status === 'cancelled') return [];

  const events: PendingEvent[] = [];
  const previous = timingOf(oldImage);
  const current = timingOf(newImage);
  const timeConfirmed = previous.startTime === null && current.startTime !== null;
  const moved =
    previous.date !== current.date ||
    (!timeConfirmed && (previous.startTime !== current.startTime || previous.endTime !== current.endTime));
  // A time that was to be decided and is now known is its own news ("the time is confirmed"),
  // even when the date moved with it: that mail shows the new date as well.
  if (timeConfirmed)
    events.push({ name: 'SessionTimeConfirmed', data: { sessionId, sessionVersion, previous, current } });
  else if (moved) events.push({ name: 'SessionRescheduled', data: { sessionId, sessionVersion, previous, current } });

  const before = locationOf(oldImage);
  const after = locationOf(newImage);
  if (!sameLocation(before, after)) {
    events.push({
      name: 'SessionLocationChanged',
      data: { sessionId, sessionVersion, previous: before, current: after },
    });
  }
  return events;
}

/**
 * An organiser message is news once, when it is written: a later change to the item (none is made
 * today) or its removal must not mail anyone again.
 */
function announcementEvents(oldImage: Image | undefined, newImage: Image): PendingEvent[] {
  if (oldImage) return [];
  const announcementId = str(newImage.id);
  const sessionId = str(newImage.sessionId);
  if (!announcementId || !sessionId) throw new MalformedImage('announcement without id or sessionId');
  return [{ name: 'AnnouncementPosted', data: { sessionId, announcementId } }];
}

/** An image that a table of ours should never hold: a poison record, reported as failed. */
export class MalformedImage extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedImage';
  }
}

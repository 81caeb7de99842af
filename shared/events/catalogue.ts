import { LocalDate, LocalTime } from '../domain/schema-primitives';
import { Location } from '../domain/venue-accessibility';
import * as z from '../domain/zod';

/**
 * The event catalogue: every event on the project's bus, with its source, detail-type, schema
 * version and the schema of its data. Producers build events only through `newEvent`, consumers
 * read them only through `parseEventDetail`, so both sides share one definition.
 *
 * Details carry identifiers and versions, never personal data: a consumer loads the registration
 * it needs (and so also sees whether it was cancelled or erased in the meantime). Session facts
 * that are not personal (dates, times, the previous location) do travel, so a mail can say what
 * changed even after the session has moved on.
 */

export const eventSources = {
  registrations: 'stadsgesprekken.registrations',
  sessions: 'stadsgesprekken.sessions',
  mailer: 'stadsgesprekken.mailer',
} as const;
export type EventSource = (typeof eventSources)[keyof typeof eventSources];

const Id = z.string().check(z.minLength(1), z.maxLength(200));
const Version = z.number().check(z.int(), z.positive());

const registrationData = z.object({ registrationId: Id, sessionId: Id });

/** Where and when a session takes place: what a reschedule or location change is about. */
export const SessionTiming = z.object({
  date: LocalDate,
  startTime: z.nullable(LocalTime),
  endTime: z.nullable(LocalTime),
});
export type SessionTiming = z.infer<typeof SessionTiming>;

const sessionChange = <T extends z.ZodMiniType>(fact: T) =>
  z.object({ sessionId: Id, sessionVersion: Version, previous: fact, current: fact });

/** Why a registrant gets a mail about a session-wide change (see RegistrantMailRequested). */
export const sessionMailReasons = [
  'SessionRescheduled',
  'SessionTimeConfirmed',
  'SessionLocationChanged',
  'SessionCancelled',
] as const;
export const SessionMailReason = z.enum(sessionMailReasons);
export type SessionMailReason = z.infer<typeof SessionMailReason>;

interface EventDefinition<S extends EventSource, D extends z.ZodMiniType> {
  source: S;
  version: number;
  description: string;
  data: D;
}

const define = <S extends EventSource, D extends z.ZodMiniType>(d: EventDefinition<S, D>) => d;

export const catalogue = {
  RegistrationConfirmed: define({
    source: eventSources.registrations,
    version: 1,
    description: 'A new registration got a seat straight away.',
    data: registrationData,
  }),
  RegistrationWaitlisted: define({
    source: eventSources.registrations,
    version: 1,
    description: 'A new registration was put on the waiting list.',
    data: registrationData,
  }),
  RegistrationPromoted: define({
    source: eventSources.registrations,
    version: 1,
    description: 'A waiting registration got a seat that came free, or claimed the seat it was offered.',
    data: registrationData,
  }),
  RegistrationCancelled: define({
    source: eventSources.registrations,
    version: 1,
    description: 'A confirmed or waiting registration was cancelled.',
    data: registrationData,
  }),
  RegistrationHeld: define({
    source: eventSources.registrations,
    version: 1,
    description:
      'A new registration only holds its seat or waiting place until the address is confirmed; the planner schedules its expiry.',
    data: z.extend(registrationData, { holdExpiresAt: z.iso.datetime({ offset: true }) }),
  }),
  AddressConfirmed: define({
    source: eventSources.registrations,
    version: 1,
    description: 'The address of a held registration was confirmed: the hold ended and the usual confirmation follows.',
    data: registrationData,
  }),
  HoldReleased: define({
    source: eventSources.registrations,
    version: 1,
    description:
      'A hold ended without confirmation (expired, or its confirmation request bounced): the seat went to the waiting list.',
    data: z.extend(registrationData, { reason: z.enum(['hold-expired', 'address-bounced']) }),
  }),
  WaitlistOfferMade: define({
    source: eventSources.registrations,
    version: 1,
    description:
      'Close to the start a freed seat is offered to the first person waiting, held for them until the offer ends; the mailer sends the offer and the planner schedules its end.',
    data: z.extend(registrationData, { offerExpiresAt: z.iso.datetime({ offset: true }) }),
  }),
  WaitlistOfferLapsed: define({
    source: eventSources.registrations,
    version: 1,
    description:
      'An offered seat was not claimed in time: the registration is cancelled and the seat passed on to the next person waiting.',
    data: registrationData,
  }),
  DuplicateRegistrationAttempted: define({
    source: eventSources.registrations,
    version: 1,
    description: 'Someone tried to register an address that already holds a live registration (the API said 409).',
    data: z.extend(registrationData, { attemptedAt: z.iso.datetime() }),
  }),
  PersonLinkRequested: define({
    source: eventSources.registrations,
    version: 1,
    description:
      'Someone asked for the person link of an address in a programme (POST /people/requests), at most once per address per 10 minutes; the mailer sends it only to a known, confirmed address.',
    // The address hash is the person's key in the programme (the address itself never travels).
    data: z.object({ programmeId: Id, addressHash: Id, requestedAt: z.iso.datetime() }),
  }),
  SessionPublished: define({
    source: eventSources.sessions,
    version: 1,
    description: 'A session was added to the programme.',
    data: z.object({ sessionId: Id, sessionVersion: Version }),
  }),
  SessionRescheduled: define({
    source: eventSources.sessions,
    version: 1,
    description: 'The date or a known time of a session moved.',
    data: sessionChange(SessionTiming),
  }),
  SessionTimeConfirmed: define({
    source: eventSources.sessions,
    version: 1,
    description: 'A session whose time was to be decided got its start time.',
    data: sessionChange(SessionTiming),
  }),
  SessionLocationChanged: define({
    source: eventSources.sessions,
    version: 1,
    description: 'A session got its location, or its location changed.',
    data: sessionChange(z.nullable(Location)),
  }),
  SessionCancelled: define({
    source: eventSources.sessions,
    version: 1,
    description: 'A session was cancelled.',
    data: z.object({ sessionId: Id, sessionVersion: Version }),
  }),
  AnnouncementPosted: define({
    source: eventSources.sessions,
    version: 1,
    description:
      'An organiser posted a message to the live registrants of a session (the text stays in the table, off the bus).',
    data: z.object({ sessionId: Id, announcementId: Id }),
  }),
  AnnouncementMailRequested: define({
    source: eventSources.mailer,
    version: 1,
    description:
      'Fan-out of an organiser message: one per registrant it reaches, each its own queue message with its own retries.',
    data: z.object({
      registrationId: Id,
      sessionId: Id,
      announcementId: Id,
      /** The id of the AnnouncementPosted event this request fans out. */
      causationId: Id,
    }),
  }),
  RegistrantMailRequested: define({
    source: eventSources.mailer,
    version: 1,
    description:
      'Fan-out of a session-wide change: one per registrant, so each mail is its own queue message with its own retries.',
    data: z.object({
      registrationId: Id,
      sessionId: Id,
      reason: SessionMailReason,
      sessionVersion: Version,
      /** The id of the session event this request fans out. */
      causationId: Id,
      previous: z.object({ timing: z.optional(SessionTiming), location: z.optional(z.nullable(Location)) }),
    }),
  }),
  ScheduledMailRequested: define({
    source: eventSources.mailer,
    version: 1,
    description:
      'A due reminder or feedback request, one per registrant: put on the mail queue by the dispatcher when a schedule fires.',
    data: z.object({
      registrationId: Id,
      sessionId: Id,
      /** `waitlist-close`: the one mail to those still waiting once offers have closed. */
      purpose: z.enum(['reminder', 'feedback-request', 'waitlist-close']),
      /** The mail ledger's occasion: reminder offset and session version (shared/domain/schedules.ts). */
      occasion: z.string().check(z.minLength(1), z.maxLength(60)),
      sessionVersion: Version,
      /** The schedule that fired. */
      scheduleName: z.string().check(z.minLength(1), z.maxLength(64)),
    }),
  }),
  FollowerOfferMailRequested: define({
    source: eventSources.mailer,
    version: 1,
    description:
      'Fan-out of a session added to a programme (SessionPublished) or whose time became known (SessionTimeConfirmed): one per follower of the programme; the mailer sends the offer with its take-seat link only to a confirmed address that still follows and has no live registration for the session.',
    data: z.object({
      programmeId: Id,
      /** The follower's key in the programme (the address itself never travels). */
      addressHash: Id,
      sessionId: Id,
      reason: z.enum(['SessionPublished', 'SessionTimeConfirmed']),
      sessionVersion: Version,
      /** The id of the session event this request fans out. */
      causationId: Id,
    }),
  }),
  AccessSummaryMailRequested: define({
    source: eventSources.mailer,
    version: 1,
    description:
      'A session\'s "to arrange" summary of access needs is due: one per firing, for the organisers, put on the mail queue by the dispatcher.',
    data: z.object({
      sessionId: Id,
      /** The mail ledger's occasion: days before and session version (shared/domain/schedules.ts). */
      occasion: z.string().check(z.minLength(1), z.maxLength(60)),
      sessionVersion: Version,
      scheduleName: z.string().check(z.minLength(1), z.maxLength(64)),
    }),
  }),
} as const;

export type Catalogue = typeof catalogue;
export type EventName = keyof Catalogue;
export type EventData<N extends EventName> = z.infer<Catalogue[N]['data']>;
export const eventNames = Object.keys(catalogue) as EventName[];

/**
 * Mail jobs, one per registrant: the dispatcher and the mailer's fan-outs put them straight on the
 * mail queue (shared/usecases/mail/enqueue.ts), so they never travel on the bus.
 */
export const mailJobNames: readonly EventName[] = eventNames.filter((n) => catalogue[n].source === eventSources.mailer);

/** Added by the one publisher to every event's detail. */
export const EventMetadata = z.object({
  /** Deterministic per change (stream record id + index), so consumers can recognise a repeat. */
  eventId: Id,
  /** Schema version of the data, from the catalogue. */
  version: Version,
  /** When the change happened (the stream record's time), ISO 8601. */
  occurredAt: z.iso.datetime({ offset: true }),
});
export type EventMetadata = z.infer<typeof EventMetadata>;

/** A domain event as the code handles it; on the bus `name` is the detail-type. */
export type DomainEvent = { [N in EventName]: { name: N; metadata: EventMetadata; data: EventData<N> } }[EventName];
export type EventOf<N extends EventName> = Extract<DomainEvent, { name: N }>;

/** An event before publication: its data and where it came from. */
export type PendingEvent = { [N in EventName]: { name: N; data: EventData<N> } }[EventName];

export const isEventName = (s: string): s is EventName => Object.hasOwn(catalogue, s);

/** Builds an event, checking its data against the catalogue (a producer bug fails loudly here). */
export function newEvent(pending: PendingEvent, eventId: string, occurredAt: Date): DomainEvent {
  const def = catalogue[pending.name];
  const data = def.data.parse(pending.data);
  return {
    name: pending.name,
    metadata: { eventId, version: def.version, occurredAt: occurredAt.toISOString() },
    data,
  } as DomainEvent;
}

/** The detail of an event on the bus: metadata beside the data. */
export const eventDetail = (e: DomainEvent): string => JSON.stringify({ metadata: e.metadata, data: e.data });

/** A schema's complaints, path first, for an InvalidEvent. */
export const describeIssues = (error: z.core.$ZodError, root = '(detail)'): string[] =>
  error.issues.map((i) => `${i.path.join('.') || root}: ${i.message}`);

export class InvalidEvent extends Error {
  constructor(
    readonly detailType: string,
    readonly issues: string[],
  ) {
    super(`invalid ${detailType} event: ${issues.join('; ')}`);
    this.name = 'InvalidEvent';
  }
}

/** Validates a consumed event against the catalogue; throws InvalidEvent naming what is wrong. */
export function parseEventDetail(source: string, detailType: string, detail: unknown): DomainEvent {
  if (!isEventName(detailType)) throw new InvalidEvent(detailType, ['unknown detail-type']);
  const def = catalogue[detailType];
  if (source !== def.source) throw new InvalidEvent(detailType, [`source ${source} is not ${def.source}`]);
  const schema = z.object({
    metadata: z.extend(EventMetadata, { version: z.literal(def.version) }),
    data: def.data,
  });
  const r = schema.safeParse(detail);
  if (!r.success) {
    throw new InvalidEvent(detailType, describeIssues(r.error));
  }
  return { name: detailType, metadata: r.data.metadata, data: r.data.data } as DomainEvent;
}

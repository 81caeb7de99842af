import type { Language } from '../domain/schemas';

/**
 * A person within one programme: one record per (programme, address hash). It holds what belongs
 * to the person rather than to any single registration: the person link, whether they follow the
 * programme, and (once confirmed) when their address was confirmed. Registrations stay the source
 * of truth for seats; a person's registrations are found by their address hash.
 */
export interface Person {
  /** Random (UUID); the person token is derived from it with the link secret when one is configured. */
  id: string;
  programmeId: string;
  /** `emailKey(email)`: the same key the registrations' email guards use. */
  emailHash: string;
  email: string;
  language: Language;
  /** Wants one mail (with a link to take a seat) when a session is added or its time becomes known. */
  following: boolean;
  /** When the address was confirmed for this programme (a click on the confirmation link); null until then. */
  addressConfirmedAt: string | null;
  /**
   * The registration made through the programme form or the person link, by session id (the
   * latest per session). Registrations of the address made on a single-session form are found by
   * the address hash instead.
   */
  registrations: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  /** Personal-data expiry in epoch seconds, the latest of the person's registrations' (privacy: retention). */
  personalDataExpiresAt: number | null;
}

export interface NewPerson {
  id: string;
  programmeId: string;
  emailHash: string;
  email: string;
  language: Language;
  following: boolean;
}

export interface PersonUpsert {
  person: Person;
  /** True when this call created the record (nothing of the address was known in the programme before). */
  created: boolean;
}

/**
 * People of a programme and their person links. Only the SHA-256 hash of a person token is stored
 * (`hashToken`), as for manage tokens; a person may hold more than one token (every token stays valid).
 */
export interface PeopleRepository {
  /**
   * Creates the person, or returns the one that exists for (programme, address). For an existing
   * person `following: true` turns following on (never off) and the language becomes the latest chosen.
   */
  upsert(person: NewPerson, now: Date): Promise<PersonUpsert>;
  /**
   * One more way in to the person: a token, by its hash (idempotent). A token with a `scope` opens
   * only those registrations (by id); null: everything of the person.
   */
  addToken(
    person: Pick<Person, 'programmeId' | 'emailHash' | 'personalDataExpiresAt'>,
    tokenHash: string,
    scope: string[] | null,
  ): Promise<void>;
  get(programmeId: string, emailHash: string): Promise<Person | null>;
  /** The person a token opens, with the token's scope (null: everything). */
  findByTokenHash(tokenHash: string): Promise<{ person: Person; scope: string[] | null } | null>;
  /** Adds registrations to a scoped token's scope (nothing for an unscoped one). */
  widenToken(tokenHash: string, registrationIds: string[]): Promise<void>;
  setFollowing(
    person: Pick<Person, 'programmeId' | 'emailHash'>,
    following: boolean,
    now: Date,
  ): Promise<Person | null>;
  /**
   * Notes registrations made for the person (session id → registration id) and moves the person's
   * expiry, and that of the token used, later (never earlier) to the latest of theirs.
   */
  recordRegistrations(
    person: Pick<Person, 'programmeId' | 'emailHash'>,
    tokenHash: string | null,
    entries: { sessionId: string; registrationId: string }[],
    personalDataExpiresAt: number | null,
    now: Date,
  ): Promise<void>;
  /**
   * Notes a request for the address's person link (POST /people/requests), whether or not the
   * address is known: true when it opened a new window (the stream turns it into a
   * PersonLinkRequested event), false within `windowMs` of the last one. Kept until the window ends.
   */
  recordLinkRequest(programmeId: string, emailHash: string, now: Date, windowMs: number): Promise<boolean>;
  /**
   * Removes everything the people store holds for the address in the programme: the person, its
   * tokens (those noted on it and `tokenHashes`), the follower marker, the address confirmation
   * and a pending link request. Repeating it is harmless.
   */
  erase(programmeId: string, emailHash: string, tokenHashes: string[]): Promise<void>;
  /** Everyone following the programme (for the offers of a new or newly timed session). */
  listFollowers(programmeId: string): Promise<Person[]>;
}

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
  createdAt: string;
  updatedAt: string;
  /** Personal-data expiry, as the registrations' (privacy: retention); null when not known. */
  personalDataExpiresAt: string | null;
}

export interface NewPerson {
  id: string;
  programmeId: string;
  emailHash: string;
  email: string;
  language: Language;
  following: boolean;
  personalDataExpiresAt: string | null;
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
   * Creates the person with the given token, or returns the one that exists for (programme,
   * address). For an existing person, `following: true` turns following on (never off) and the
   * token, when given, is added as one more way in; the language becomes the latest chosen.
   */
  upsert(person: NewPerson, tokenHash: string | null, now: Date): Promise<PersonUpsert>;
  get(programmeId: string, emailHash: string): Promise<Person | null>;
  findByTokenHash(tokenHash: string): Promise<Person | null>;
  setFollowing(person: Pick<Person, 'programmeId' | 'emailHash'>, following: boolean, now: Date): Promise<Person | null>;
  /** Everyone following the programme (for the offers of a new or newly timed session). */
  listFollowers(programmeId: string): Promise<Person[]>;
}

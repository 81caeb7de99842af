import type { Programme, RegistrationStatus, Session } from '../model';
import type { Language } from '../schemas';

/** Absolute URLs (https in production). */
export interface EmailLinks {
  /** The registrant's personal page: view, cancel, calendar. Every email has it. */
  manage: string;
  /** This session's .ics for the registrant's calendar. */
  calendar?: string;
  /** One-click "I can't come" (should land on a confirmation, as link scanners follow links). */
  cancel?: string;
  feedback?: string;
  /** The public session page, to register again. */
  session?: string;
  /** The confirmation page of the address (one button that POSTs). */
  confirmAddress?: string;
  /** The page of an offered seat from the waiting list (one button that POSTs the claim). */
  claimOffer?: string;
  /** The person page of a programme registration (all their sessions, the feed); absent for single ones. */
  person?: string;
}

export interface EmailRecipient {
  name: string;
  email: string;
  status: RegistrationStatus;
  /** 1-based place on the waiting list while waitlisted. */
  waitlistPosition: number | null;
}

/** What every email needs; a kind that needs more says so in its template's input type. */
export interface BaseEmailInput {
  language: Language;
  registration: EmailRecipient;
  session: Session;
  programme: Pick<Programme, 'id' | 'title'>;
  links: EmailLinks;
  organiser: { name: string; email: string };
  /** For the attached invite: the UID domain and the DTSTAMP. */
  calendar: { uidDomain: string; now: Date };
  /** A confirmed registrant's check-in code: confirmation and reminder show it as a QR code. */
  checkInCode?: string;
}

/** The input of one kind of email: the base, its kind, and whatever else that kind needs. */
export type KindInput<Kind extends string, Extra extends object = object> = BaseEmailInput & { kind: Kind } & Extra;

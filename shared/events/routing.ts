/**
 * Routing rules of the project's custom event bus, as plain data. The CDK stack turns each into
 * an EventBridge rule; the local bus (local/bus.ts) matches the same patterns in process. A unit
 * test checks that every detail-type named here (other than SES's) exists in the event catalogue.
 */

/** Where a rule delivers: the mail queue (consumed by the mailer) or the planner function. */
export type RoutingTarget = 'mail-queue' | 'planner';

export interface RoutingRule {
  /** Unique, kebab-case; becomes part of the rule's construct id. */
  name: string;
  description: string;
  /** An EventBridge event pattern restricted to exact matches on source and detail-type. */
  eventPattern: { source: string[]; 'detail-type': string[] };
  target: RoutingTarget;
}

export const routingRules: RoutingRule[] = [
  {
    name: 'registration-mails',
    description: 'Every change to a registration that its holder is mailed about.',
    eventPattern: {
      source: ['stadsgesprekken.registrations'],
      'detail-type': [
        'RegistrationConfirmed',
        'RegistrationWaitlisted',
        'RegistrationPromoted',
        'RegistrationCancelled',
        'DuplicateRegistrationAttempted',
        'AddressConfirmed',
        'HoldReleased',
        'WaitlistOfferMade',
        'WaitlistOfferLapsed',
      ],
    },
    target: 'mail-queue',
  },
  {
    name: 'session-change-mails',
    description:
      'Session-wide changes; the mailer fans each out to one mail job per registrant (and, for a time that became known, one offer per follower of the programme).',
    eventPattern: {
      source: ['stadsgesprekken.sessions'],
      'detail-type': ['SessionRescheduled', 'SessionTimeConfirmed', 'SessionLocationChanged', 'SessionCancelled'],
    },
    target: 'mail-queue',
  },
  {
    // SessionTimeConfirmed reaches the mailer through session-change-mails, whose one fan-out step
    // also asks for the offers to followers; a second rule would only deliver the same event twice.
    name: 'follower-offer-mails',
    description: 'A session added to a programme: the mailer fans out one offer per follower of the programme.',
    eventPattern: { source: ['stadsgesprekken.sessions'], 'detail-type': ['SessionPublished'] },
    target: 'mail-queue',
  },
  {
    name: 'announcement-mails',
    description: 'Organiser messages; the mailer fans each out to one mail job per registrant it reaches.',
    eventPattern: { source: ['stadsgesprekken.sessions'], 'detail-type': ['AnnouncementPosted'] },
    target: 'mail-queue',
  },
  {
    name: 'person-link-mails',
    description: 'A request for the person link of an address: the mailer mails it to a known, confirmed address.',
    eventPattern: { source: ['stadsgesprekken.registrations'], 'detail-type': ['PersonLinkRequested'] },
    target: 'mail-queue',
  },
  {
    // The CDK stack forwards this stage's SES configuration-set events from the default bus to
    // the project bus; the mailer marks the addresses suppressed. (Rejects are about the message,
    // not the address, and are left to the alarms.)
    name: 'ses-feedback',
    description: 'Hard bounces and complaints: the mailer marks the address as suppressed.',
    eventPattern: { source: ['aws.ses'], 'detail-type': ['Email Bounced', 'Email Complaint Received'] },
    target: 'mail-queue',
  },
  {
    name: 'session-schedules',
    description: 'Changes that move or remove the reminder and feedback-request schedules of a session.',
    eventPattern: {
      source: ['stadsgesprekken.sessions'],
      'detail-type': ['SessionPublished', 'SessionRescheduled', 'SessionTimeConfirmed', 'SessionCancelled'],
    },
    target: 'planner',
  },
  {
    name: 'hold-schedules',
    description:
      'A seat held until its address is confirmed: the planner schedules the release at the hold’s expiry, and deletes that schedule once the hold ends.',
    eventPattern: {
      source: ['stadsgesprekken.registrations'],
      'detail-type': ['RegistrationHeld', 'AddressConfirmed', 'HoldReleased'],
    },
    target: 'planner',
  },
  {
    name: 'offer-schedules',
    description: 'A seat offered from the waiting list: the planner schedules passing it on at the offer’s end.',
    eventPattern: { source: ['stadsgesprekken.registrations'], 'detail-type': ['WaitlistOfferMade'] },
    target: 'planner',
  },
];

/**
 * Routing rules of the project's custom event bus, as plain data. The CDK stack turns each into
 * an EventBridge rule; the local bus (local/bus.ts) matches the same patterns in process. A unit
 * test checks that every detail-type named here exists in the event catalogue.
 */
export interface RoutingRule {
  name: string;
  description: string;
  eventPattern: { source: string[]; 'detail-type': string[] };
  target: 'mail-queue' | 'planner';
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
      ],
    },
    target: 'mail-queue',
  },
  {
    name: 'session-change-mails',
    description: 'Session-wide changes; the mailer fans each out to one mail request per registrant.',
    eventPattern: {
      source: ['stadsgesprekken.sessions'],
      'detail-type': ['SessionRescheduled', 'SessionTimeConfirmed', 'SessionLocationChanged', 'SessionCancelled'],
    },
    target: 'mail-queue',
  },
  {
    name: 'registrant-mail-requests',
    description: 'One mail per registrant about a session-wide change (the fan-out above).',
    eventPattern: { source: ['stadsgesprekken.mailer'], 'detail-type': ['RegistrantMailRequested'] },
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
];

/**
 * SES configuration-set events arrive on the account's default bus (not the project's bus), so
 * this rule is kept apart from `routingRules`. Its target is the suppression handler.
 */
export interface SesFeedbackRule {
  name: string;
  description: string;
  bus: 'default';
  eventPattern: { source: string[]; 'detail-type': string[] };
  target: 'suppression';
}

export const sesFeedbackRule: SesFeedbackRule = {
  name: 'ses-bounces-and-complaints',
  description: 'Hard bounces and complaints from the configuration set mark the address as suppressed.',
  bus: 'default',
  eventPattern: { source: ['aws.ses'], 'detail-type': ['Email Bounced', 'Email Complaint Received'] },
  target: 'suppression',
};

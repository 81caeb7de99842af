/**
 * Routing rules of the project's event bus, as data. The CDK stack creates one EventBridge rule per
 * entry and the local bus matches events against the same list, so deployed and local routing
 * cannot drift apart. The event catalogue (sources, detail-types, schemas) is the authority on the
 * names used here; keep both in step.
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

export const REGISTRATIONS_SOURCE = 'stadsgesprekken.registrations';
export const SESSIONS_SOURCE = 'stadsgesprekken.sessions';

export const routingRules: RoutingRule[] = [
  {
    name: 'registration-mail',
    description: 'Mail the registrant when a registration is confirmed, waitlisted, promoted or cancelled',
    eventPattern: {
      source: [REGISTRATIONS_SOURCE],
      'detail-type': [
        'RegistrationConfirmed',
        'RegistrationWaitlisted',
        'RegistrationPromoted',
        'RegistrationCancelled',
      ],
    },
    target: 'mail-queue',
  },
  {
    name: 'session-change-mail',
    description: 'Send every registrant an updated or cancelling invite when a session changes',
    eventPattern: {
      source: [SESSIONS_SOURCE],
      'detail-type': ['SessionRescheduled', 'SessionCancelled'],
    },
    target: 'mail-queue',
  },
  {
    name: 'session-schedule-planning',
    description: 'Create, move or delete the reminder and feedback-request schedules of a session',
    eventPattern: {
      source: [SESSIONS_SOURCE],
      'detail-type': ['SessionCreated', 'SessionRescheduled', 'SessionCancelled'],
    },
    target: 'planner',
  },
];

/** True when an event with this source and detail-type matches the rule (exact matching only). */
export const ruleMatches = (rule: RoutingRule, event: { source: string; 'detail-type': string }): boolean =>
  rule.eventPattern.source.includes(event.source) && rule.eventPattern['detail-type'].includes(event['detail-type']);

import { type ChainOptions, sqsEventHandler } from '../../shared/events/middleware';
import { count } from '../../shared/metrics';
import type { MailerDeps, MailOutcome } from '../../shared/usecases/mail/deps';
import { handleMailEvent } from '../../shared/usecases/mail/handle-mail-event';
import { handleSesFeedback } from '../../shared/usecases/suppression';

const outcomeMetric: Record<MailOutcome['result'], string> = {
  sent: 'MailSent',
  skipped: 'MailSkipped',
  'fanned-out': 'MailJobsQueued',
  ignored: 'EventsIgnored',
};

/**
 * Mail queue (events from the bus rules and mail jobs) → one mail per registrant, at most once
 * each; SES bounces and complaints on the same queue mark addresses as suppressed.
 */
export function createMailerHandler(deps: MailerDeps, opts: ChainOptions = {}) {
  return sqsEventHandler(async (message) => {
    if (message.kind === 'ses-feedback') {
      const { suppressed } = await handleSesFeedback(deps, message.detail, message.time);
      count(opts.metrics, 'AddressesSuppressed', suppressed);
      return;
    }
    const outcome = await handleMailEvent(deps, message.event);
    count(opts.metrics, outcomeMetric[outcome.result], outcome.result === 'fanned-out' ? outcome.requests : 1);
  }, opts);
}

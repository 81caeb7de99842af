import { type ChainOptions, scheduledJobHandler } from '../../shared/events/middleware';
import { count } from '../../shared/metrics';
import { type PrivacyDeps, runRetention } from '../../shared/usecases/privacy';

/**
 * The daily retention job (EventBridge schedule): erases personal data whose retention period has
 * passed. The event carries nothing the job needs; a failed run throws, so the scheduler retries
 * and, in the end, its dead-letter queue and alarm tell the organiser.
 */
export function createRetentionHandler(deps: PrivacyDeps, opts: ChainOptions = {}) {
  return scheduledJobHandler(async () => {
    const run = await runRetention(deps);
    count(opts.metrics, 'RegistrationsAnonymised', run.anonymised);
    return run;
  }, opts);
}

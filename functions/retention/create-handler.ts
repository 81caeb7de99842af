import { type ChainOptions, scheduledJobHandler } from '../../shared/events/middleware';
import { count } from '../../shared/metrics';
import { eraseSensitiveAnswers, type SensitiveRetentionDeps } from '../../shared/usecases/access-needs-retention';
import { type RetentionRunDeps, runRetention } from '../../shared/usecases/privacy';

/**
 * The daily retention job (EventBridge schedule): erases personal data whose retention period has
 * passed, and a week after each session the sensitive answers (access needs, kept on as counts). The event carries nothing the job needs; a failed run throws, so the scheduler retries
 * and, in the end, its dead-letter queue and alarm tell the organiser.
 */
export function createRetentionHandler(deps: RetentionRunDeps & SensitiveRetentionDeps, opts: ChainOptions = {}) {
  return scheduledJobHandler(async () => {
    const sensitive = await eraseSensitiveAnswers(deps);
    const run = await runRetention(deps);
    count(opts.metrics, 'RegistrationsAnonymised', run.anonymised);
    count(opts.metrics, 'SensitiveAnswersErased', sensitive.answersErased);
    return { ...run, sensitive };
  }, opts);
}

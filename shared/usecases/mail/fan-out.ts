import type { Registration } from '../../domain/model';
import { type DomainEvent, newEvent, type PendingEvent } from '../../events/catalogue';
import { log } from '../../log';
import type { MailerDeps, MailOutcome } from './deps';
import { enqueueMailJobs } from './enqueue';

/**
 * One event about a whole session becomes one mail job per registrant (or follower) on the mail
 * queue, each then its own message with its own retries and dead-lettering. Job ids are `<cause
 * id>/<registration or person id>`: a repeated fan-out asks for the same mails, and the ledger
 * sends each once.
 */
export async function fanOut<R extends Pick<Registration, 'id'>>(
  deps: Pick<MailerDeps, 'mailQueue' | 'enqueueOptions'>,
  cause: DomainEvent,
  registrants: R[],
  jobFor: (registrant: R) => PendingEvent,
  logFields: Record<string, unknown>,
): Promise<MailOutcome> {
  const occurredAt = new Date(cause.metadata.occurredAt);
  const jobs = registrants.map((r) => newEvent(jobFor(r), `${cause.metadata.eventId}/${r.id}`, occurredAt));
  await enqueueMailJobs(deps.mailQueue, jobs, deps.enqueueOptions);
  log('info', 'fanned out to registrants', { ...logFields, event: cause.name, requests: jobs.length });
  return { result: 'fanned-out', requests: jobs.length };
}

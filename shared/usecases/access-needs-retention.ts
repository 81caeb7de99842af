import { sensitiveQuestionsOf } from '../domain/default-questions';
import type { Programme } from '../domain/model';
import { log } from '../log';
import type { AccessNeedsRepository } from '../ports/access-needs';
import type { Clock } from '../ports/clock';
import type { RegistrationRepository } from '../ports/registrations';
import type { SessionRepository } from '../ports/sessions';
import { sensitiveAnswersExpired, tallyAccessNeeds } from './organiser/access-needs';

export interface SensitiveRetentionDeps {
  sessions: SessionRepository;
  registrations: Pick<RegistrationRepository, 'listForSession'>;
  accessNeeds: AccessNeedsRepository;
  clock: Clock;
}

export interface SensitiveRetentionRun {
  sessionsErased: number;
  answersErased: number;
}

/**
 * Part of the daily retention job: a week after a session ends, the answers to its programme's
 * sensitive questions (access needs: special-category data) are erased, long before the rest of
 * the registration. First the anonymous counts are kept (asked and met per need); then every
 * registration loses those answers; then the session is marked done. Idempotent: the counts are
 * written once (taken while all answers were there), an answer already gone is skipped, so a
 * repeated or interrupted run ends in the same state.
 */
export async function eraseSensitiveAnswers(deps: SensitiveRetentionDeps): Promise<SensitiveRetentionRun> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const programmes = new Map<string, Programme | null>();
  let sessionsErased = 0;
  let answersErased = 0;
  for (const session of await deps.sessions.list()) {
    if (!programmes.has(session.programmeId)) {
      programmes.set(session.programmeId, await deps.sessions.getProgramme(session.programmeId));
    }
    const ids = sensitiveQuestionsOf(programmes.get(session.programmeId)).map((q) => q.id);
    if (ids.length === 0 || !sensitiveAnswersExpired(session, now)) continue;
    const kept = await deps.accessNeeds.keptCounts(session.id);
    if (kept?.completedAt) continue;
    const rows = await deps.registrations.listForSession(session.id);
    if (!kept) {
      const tally = tallyAccessNeeds(rows, await deps.accessNeeds.arranged(session.id));
      await deps.accessNeeds.keepCounts({ sessionId: session.id, keptAt: at, ...tally });
    }
    for (const r of rows) {
      if (!ids.some((id) => r.answers?.[id] !== undefined)) continue;
      if (await deps.accessNeeds.eraseAnswers({ sessionId: session.id, registrationId: r.id }, ids, at)) {
        answersErased++;
      }
    }
    await deps.accessNeeds.completeCounts(session.id, at);
    sessionsErased++;
  }
  log('info', 'sensitive answers erased', { sessionsErased, answersErased });
  return { sessionsErased, answersErased };
}

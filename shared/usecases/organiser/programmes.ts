import type { Organiser } from '../../domain/audit';
import { Conflict, NotFound, ValidationFailed } from '../../domain/errors';
import type { Programme } from '../../domain/model';
import { programmeOf, sameSettings, versionOf } from '../../domain/programme';
import type { ProgrammeSettings } from '../../domain/schemas';
import { refreshPersonalDataExpiry } from '../privacy';
import { recordAudit } from './audit';
import type { OrganiserDeps } from './deps';

const versionConflict = (detail: string) => new Conflict('version-conflict', detail);

const staleVersion = (current: Programme) =>
  versionConflict(
    `The programme has changed since you loaded it (it is now at version ${versionOf(current)}); reload and try again.`,
  );

const auditSummary = (p: Programme | null) => (p ? { version: versionOf(p), title: p.title.nl } : null);

export async function listProgrammes(deps: Pick<OrganiserDeps, 'sessions'>): Promise<Programme[]> {
  return (await deps.sessions.listProgrammes()).sort((a, b) => a.id.localeCompare(b.id));
}

export async function requireProgramme(deps: Pick<OrganiserDeps, 'sessions'>, id: string): Promise<Programme> {
  const programme = await deps.sessions.getProgramme(id);
  if (!programme) throw new NotFound('programme');
  return programme;
}

export type SettingsOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Writes a programme's settings over what the caller read (`stored`, null: it does not exist yet).
 * Settings equal to the stored ones are no write and keep the version. A later retention period
 * moves the stored expiries of personal data out (never in).
 */
export async function writeSettings(
  deps: OrganiserDeps,
  actor: Organiser,
  id: string,
  settings: ProgrammeSettings,
  stored: Programme | null,
): Promise<{ programme: Programme; outcome: SettingsOutcome }> {
  const wanted = programmeOf(id, settings);
  if (stored && sameSettings(stored, wanted)) {
    await recordAudit(deps, actor, 'programme.update', { programmeId: id }, false, null, null);
    return { programme: stored, outcome: 'unchanged' };
  }
  const saved = await deps.sessions.putProgramme({
    programme: { ...wanted, ...(stored?.createdAt ? { createdAt: stored.createdAt } : {}) },
    expectedVersion: stored ? versionOf(stored) : null,
    at: deps.clock.now().toISOString(),
  });
  if ('refused' in saved) {
    throw saved.current ? staleVersion(saved.current) : versionConflict('The programme was removed meanwhile.');
  }
  const action = stored ? 'programme.update' : 'programme.create';
  await recordAudit(deps, actor, action, { programmeId: id }, true, auditSummary(stored), auditSummary(saved));
  if (stored && (stored.retentionMonths !== saved.retentionMonths || stored.retentionAfter !== saved.retentionAfter)) {
    await refreshPersonalDataExpiry(deps, id);
  }
  return { programme: saved, outcome: stored ? 'updated' : 'created' };
}

/**
 * `PUT /admin/programmes/{id}`: creates the programme (no `expectedVersion`), or replaces its
 * settings when `expectedVersion` is the version the organiser read; otherwise 409 `version-conflict`.
 */
export async function putProgramme(
  deps: OrganiserDeps,
  actor: Organiser,
  id: string,
  settings: ProgrammeSettings,
  expectedVersion: number | undefined,
): Promise<{ programme: Programme; outcome: SettingsOutcome }> {
  const stored = await deps.sessions.getProgramme(id);
  if (!stored && expectedVersion !== undefined) {
    throw versionConflict(`Programme ${id} does not exist; create it without expectedVersion.`);
  }
  if (stored && expectedVersion === undefined) {
    throw new ValidationFailed(
      [
        {
          field: 'expectedVersion',
          message: `is required to replace programme ${id} (now at version ${versionOf(stored)})`,
        },
      ],
      'Replacing a programme needs the version it replaces.',
    );
  }
  if (stored && expectedVersion !== versionOf(stored)) throw staleVersion(stored);
  return writeSettings(deps, actor, id, settings, stored);
}

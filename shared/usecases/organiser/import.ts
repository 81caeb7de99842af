import type { Organiser } from '../../domain/audit';
import { Conflict, type DomainError, NotFound, SessionCancelled, ValidationFailed } from '../../domain/errors';
import type { Session } from '../../domain/model';
import {
  importRefusal,
  liveRegistrants,
  mailsRegistrants,
  programmeOf,
  sameSettings,
  sessionCreateOf,
  sessionPatchOf,
} from '../../domain/programme';
import type { ProgrammeFile, SessionInput } from '../../domain/schemas';
import { applySessionPatch } from '../../domain/session-changes';
import { recordAudit } from './audit';
import type { OrganiserDeps } from './deps';
import { type SettingsOutcome, writeSettings } from './programmes';
import { createSession, editSession } from './session-editing';

export type SessionOutcome = 'created' | 'updated' | 'unchanged' | 'missing' | 'conflict';

export interface SessionImport {
  id: string;
  outcome: SessionOutcome;
  /** How many registrants are mailed about the change (confirmed and waiting). */
  notified: number;
  reason?: string;
}

export interface ImportReport {
  programme: SettingsOutcome;
  dryRun: boolean;
  sessions: SessionImport[];
}

export interface ImportOptions {
  /** Answer the same report without writing anything. */
  dryRun: boolean;
  /**
   * Leave the settings and sessions already stored as they are and only add what is new: how
   * `npm start` loads its programme, so edits made on the local stack survive a restart.
   */
  keepStored?: boolean;
}

/** Errors that refuse one session's change without failing the rest of the import. */
const refusesOneSession = (e: unknown): e is DomainError =>
  e instanceof Conflict || e instanceof SessionCancelled || e instanceof NotFound || e instanceof ValidationFailed;

const conflict = (id: string, reason: string): SessionImport => ({ id, outcome: 'conflict', notified: 0, reason });

async function createFromFile(
  deps: OrganiserDeps,
  actor: Organiser,
  programmeId: string,
  input: SessionInput,
  dryRun: boolean,
): Promise<SessionImport> {
  if (!dryRun) {
    try {
      await createSession(deps, actor, sessionCreateOf(programmeId, input));
    } catch (e) {
      if (refusesOneSession(e)) return conflict(input.id, e.message);
      throw e;
    }
  }
  return { id: input.id, outcome: 'created', notified: 0 };
}

/**
 * A stored session made what the file says, through the organiser's own edit path: the version
 * rises where registrants must hear of it, and the mail pipeline sends them the updated invite.
 * The edit is conditional on the version read here, so a change made meanwhile is a conflict.
 */
async function updateFromFile(
  deps: OrganiserDeps,
  actor: Organiser,
  programmeId: string,
  input: SessionInput,
  stored: Session,
  options: ImportOptions,
): Promise<SessionImport> {
  const id = input.id;
  const refusal = importRefusal(programmeId, stored, input);
  if (refusal)
    return options.keepStored ? { id, outcome: 'unchanged', notified: 0, reason: refusal } : conflict(id, refusal);
  const patch = sessionPatchOf(input);
  const { changed } = applySessionPatch(stored, patch);
  if (changed.length === 0) return { id, outcome: 'unchanged', notified: 0 };
  if (options.keepStored)
    return { id, outcome: 'unchanged', notified: 0, reason: 'kept as stored; differs from the file' };
  if (input.capacity !== null && input.capacity < stored.confirmedCount) {
    return conflict(id, `capacity ${input.capacity} is below the ${stored.confirmedCount} confirmed registration(s)`);
  }
  const reason = `changed: ${changed.join(', ')}`;
  if (options.dryRun) {
    return { id, outcome: 'updated', notified: mailsRegistrants(changed) ? liveRegistrants(stored) : 0, reason };
  }
  try {
    const result = await editSession(deps, actor, id, { ...patch, expectedVersion: stored.version });
    const notified = mailsRegistrants(result.changed) ? liveRegistrants(result.session) : 0;
    return { id, outcome: 'updated', notified, reason: `changed: ${result.changed.join(', ')}` };
  } catch (e) {
    if (refusesOneSession(e)) return conflict(id, e.message);
    throw e;
  }
}

/**
 * `POST /admin/programmes/import`: a whole programme file, settings and sessions. Sessions are
 * created, updated or left unchanged one by one, each answering for itself; a stored session the
 * file does not list is reported `missing` and kept. Importing the same file again changes nothing.
 */
export async function importProgramme(
  deps: OrganiserDeps,
  actor: Organiser,
  file: ProgrammeFile,
  options: ImportOptions,
): Promise<ImportReport> {
  const { id: programmeId, sessions: inputs, ...settings } = file;
  const stored = await deps.sessions.getProgramme(programmeId);
  let programme: SettingsOutcome;
  if (stored && (options.keepStored || sameSettings(stored, programmeOf(programmeId, settings)))) {
    programme = 'unchanged';
  } else if (options.dryRun) {
    programme = stored ? 'updated' : 'created';
  } else {
    programme = (await writeSettings(deps, actor, programmeId, settings, stored)).outcome;
  }

  const sessions: SessionImport[] = [];
  for (const input of inputs) {
    // Read consistently: the edit is conditional on this version.
    const current = await deps.sessions.get(input.id);
    sessions.push(
      current
        ? await updateFromFile(deps, actor, programmeId, input, current, options)
        : await createFromFile(deps, actor, programmeId, input, options.dryRun),
    );
  }
  const listed = new Set(inputs.map((s) => s.id));
  for (const s of await deps.sessions.list()) {
    if (s.programmeId === programmeId && !listed.has(s.id)) {
      sessions.push({ id: s.id, outcome: 'missing', notified: 0, reason: 'not in the file; kept as it is' });
    }
  }

  if (!options.dryRun) {
    const counts: Record<string, number> = {};
    for (const s of sessions) counts[s.outcome] = (counts[s.outcome] ?? 0) + 1;
    await recordAudit(
      deps,
      actor,
      'programme.import',
      { programmeId },
      programme !== 'unchanged' || sessions.some((s) => s.outcome === 'created' || s.outcome === 'updated'),
      null,
      { programme, ...counts },
    );
  }
  return { programme, dryRun: options.dryRun, sessions };
}

import { readFileSync } from 'node:fs';
import type { Organiser } from '../shared/domain/audit';
import { ProgrammeFile } from '../shared/domain/schemas';
import { requiredMessage } from '../shared/http/body';
import type { OrganiserDeps } from '../shared/usecases/organiser/deps';
import { importProgramme } from '../shared/usecases/organiser/import';

export class BadProgrammeFile extends Error {}

/** Reads and validates a programme file; a bad one is refused with the field named. */
export function readProgrammeFile(path: string): ProgrammeFile {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    throw new BadProgrammeFile(`Cannot read programme file ${path}: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    throw new BadProgrammeFile(`Programme file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseProgramme(data, path);
}

export function parseProgramme(data: unknown, source = 'programme'): ProgrammeFile {
  const result = ProgrammeFile.safeParse(data, {
    error: requiredMessage,
  });
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  - ${i.path.length ? i.path.join('.') : '(file)'}: ${i.message}`);
  throw new BadProgrammeFile(`Programme file ${source} is invalid:\n${lines.join('\n')}`);
}

/** Who the audit trail names for what the local stack loads at start-up. */
export const LOCAL_START_UP: Organiser = { sub: 'local-stack', email: null };

/**
 * Loads a programme through the organiser's import; what is already stored is kept, so data
 * (and edits made on the local stack) survive restarts.
 */
export async function loadProgramme(
  deps: OrganiserDeps,
  file: ProgrammeFile,
): Promise<{ inserted: number; kept: number }> {
  const report = await importProgramme(deps, LOCAL_START_UP, file, { dryRun: false, keepStored: true });
  const inserted = report.sessions.filter((s) => s.outcome === 'created').length;
  return { inserted, kept: file.sessions.length - inserted };
}

import { readFileSync } from 'node:fs';
import type { Programme, Session } from '../shared/domain/model';
import { retentionPolicyOf } from '../shared/domain/privacy';
import { ProgrammeFile } from '../shared/domain/schemas';
import { requiredMessage } from '../shared/http/body';
import type { SessionRepository } from '../shared/ports/sessions';

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

const retentionPolicyFields = (file: ProgrammeFile) => {
  const policy = retentionPolicyOf(file);
  return { retentionMonths: policy.months, retentionAfter: policy.after };
};

export function toDomain(file: ProgrammeFile, now: Date): { programme: Programme; sessions: Session[] } {
  const at = now.toISOString();
  return {
    programme: {
      id: file.id,
      title: file.title,
      timeZone: file.timeZone,
      feedbackQuestions: file.feedbackQuestions,
      // The notice and the retention period, with their defaults made explicit.
      privacyNotice: file.privacyNotice ?? null,
      ...retentionPolicyFields(file),
      ...(file.feedbackWindowDays === undefined ? {} : { feedbackWindowDays: file.feedbackWindowDays }),
      ...(file.reminders === undefined ? {} : { reminders: file.reminders }),
      ...(file.feedbackRequest === undefined ? {} : { feedbackRequest: file.feedbackRequest }),
      ...(file.registrationQuestions === undefined ? {} : { registrationQuestions: file.registrationQuestions }),
      ...(file.areas === undefined ? {} : { areas: file.areas }),
    },
    sessions: file.sessions.map((s) => ({
      id: s.id,
      programmeId: file.id,
      kind: s.kind,
      title: s.title,
      description: s.description ?? null,
      date: s.date,
      startTime: s.startTime,
      endTime: s.endTime,
      timeZone: file.timeZone,
      location: s.location,
      capacity: s.capacity,
      provisional: s.provisional,
      status: 'scheduled',
      registrationOpen: s.registrationOpen,
      version: 1,
      confirmedCount: 0,
      waitlistCount: 0,
      createdAt: at,
      updatedAt: at,
      ...(s.reminders === undefined ? {} : { reminders: s.reminders }),
    })),
  };
}

/** Loads a programme into the tables; what is already there is kept (data survives restarts). */
export async function loadProgramme(
  repo: SessionRepository,
  file: ProgrammeFile,
  now: Date,
): Promise<{ inserted: number; kept: number }> {
  const { programme, sessions } = toDomain(file, now);
  await repo.insertProgrammeIfAbsent(programme);
  let inserted = 0;
  for (const s of sessions) if (await repo.insertSessionIfAbsent(s)) inserted++;
  return { inserted, kept: sessions.length - inserted };
}

import { areaOptions } from '../shared/domain/areas';
import { questionsOf } from '../shared/domain/default-questions';
import { type ProgrammeFile, SlugId } from '../shared/domain/schemas';
import { toSessionView } from '../shared/domain/views';
import type { SessionRepository } from '../shared/ports/sessions';
import type { ServeWebOptions } from '../web/serve';

type FormOptions = Pick<ServeWebOptions, 'registrationQuestions' | 'areas' | 'programmeForm'>;

/**
 * What the server-rendered registration forms (no JavaScript) need from the stored programme, per
 * request: its registration questions and areas as `GET /programmes/{id}` gives them, and for the
 * programme form its sessions as `GET /sessions` lists them. Read from the tables, so a programme
 * imported or changed after the start shows as it is now. `{}` for any other page.
 */
export async function webFormOptions(url: string, sessions: SessionRepository, now: Date): Promise<FormOptions> {
  const u = new URL(url, 'http://local.invalid');
  const isId = (v: string | null): v is string => v !== null && SlugId.safeParse(v).success;
  let programmeId: string | null = null;
  if (u.pathname === '/register.html') {
    const sessionId = u.searchParams.get('session');
    if (isId(sessionId)) programmeId = (await sessions.get(sessionId))?.programmeId ?? null;
  } else if (u.pathname === '/register-programme.html') {
    programmeId = u.searchParams.get('programme');
  }
  if (!isId(programmeId)) return {};
  const programme = await sessions.getProgramme(programmeId);
  if (!programme) return {};
  const form: FormOptions = {
    registrationQuestions: questionsOf(programme),
    areas: programme.areas ? { options: areaOptions(programme.areas), askPostcode: programme.areas.askPostcode } : null,
  };
  if (u.pathname !== '/register-programme.html') return form;
  const listed = (await sessions.list())
    .filter((s) => s.programmeId === programmeId)
    .sort((a, b) => a.date.localeCompare(b.date) || (a.startTime ?? '').localeCompare(b.startTime ?? ''))
    .map((s) => toSessionView(s, now));
  return { ...form, programmeForm: { id: programmeId, sessions: listed } };
}

/** The same from a programme file, for a pages server that does not read the tables (tests). */
export function webRegistrationForm(
  programme: ProgrammeFile,
): Pick<ServeWebOptions, 'registrationQuestions' | 'areas'> {
  return {
    registrationQuestions: questionsOf(programme),
    areas: programme.areas ? { options: areaOptions(programme.areas), askPostcode: programme.areas.askPostcode } : null,
  };
}

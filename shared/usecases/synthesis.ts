import { NotFound } from '../domain/errors';
import type { Programme, Session } from '../domain/model';
import type { Language } from '../domain/schemas';
import {
  type FeedbackSynthesis,
  type SynthesisInput,
  synthesisCsv,
  synthesise,
  synthesisMarkdown,
} from '../domain/synthesis';
import type { Clock } from '../ports/clock';
import type { FeedbackRepository, ParticipationReader } from '../ports/feedback';
import type { SessionRepository } from '../ports/sessions';

export interface SynthesisDeps {
  sessions: Pick<SessionRepository, 'get' | 'list' | 'getProgramme'>;
  feedback: Pick<FeedbackRepository, 'listForSession'>;
  participation: ParticipationReader;
  clock: Clock;
}

export interface SynthesisScope {
  /** One session; its programme is the programme. */
  sessionId?: string | undefined;
  /** A whole programme; without it (and without a session) the programme of the latest session. */
  programmeId?: string | undefined;
}

export type ReportFormat = 'json' | 'csv' | 'md';

export interface FeedbackReport {
  contentType: string;
  body: string;
  filename: string;
  synthesis: FeedbackSynthesis;
}

/** Reads what the synthesis needs: the programme's (or one session's) feedback and participation. */
export async function collectSynthesisInput(deps: SynthesisDeps, scope: SynthesisScope): Promise<SynthesisInput> {
  let sessions: Session[];
  let programmeId: string;
  if (scope.sessionId !== undefined) {
    const session = await deps.sessions.get(scope.sessionId);
    if (!session || (scope.programmeId !== undefined && session.programmeId !== scope.programmeId)) {
      throw new NotFound('session');
    }
    sessions = [session];
    programmeId = session.programmeId;
  } else {
    const all = (await deps.sessions.list()).sort((a, b) => a.date.localeCompare(b.date));
    const chosen = scope.programmeId ?? all.at(-1)?.programmeId;
    if (chosen === undefined) throw new NotFound('programme');
    sessions = all.filter((s) => s.programmeId === chosen);
    programmeId = chosen;
  }
  const programme: Programme | null = await deps.sessions.getProgramme(programmeId);
  if (!programme) throw new NotFound('programme');
  // Cancelled sessions had nobody to ask: they would only drag the response rate down.
  const held = sessions.filter((s) => s.status !== 'cancelled');
  const perSession = await Promise.all(
    held.map(async (s) => ({
      session: s,
      feedback: await deps.feedback.listForSession(s.id),
      participation: await deps.participation.participation(s.id),
    })),
  );
  return {
    programme: {
      id: programme.id,
      title: programme.title,
      timeZone: programme.timeZone,
      questions: programme.feedbackQuestions,
    },
    sessions: perSession.map(({ session, participation }) => ({
      id: session.id,
      kind: session.kind,
      title: session.title,
      date: session.date,
      participation,
    })),
    feedback: perSession.flatMap((p) => p.feedback),
    sessionId: scope.sessionId ?? null,
    generatedAt: deps.clock.now(),
  };
}

/** The synthesis in one of its three forms, with a file name for downloads. */
export async function feedbackReport(
  deps: SynthesisDeps,
  scope: SynthesisScope,
  format: ReportFormat,
  language: Language = 'nl',
): Promise<FeedbackReport> {
  const input = await collectSynthesisInput(deps, scope);
  const synthesis = synthesise(input);
  const base = `feedback-${scope.sessionId ?? input.programme.id}`;
  switch (format) {
    case 'json':
      return {
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify(synthesis),
        filename: `${base}.json`,
        synthesis,
      };
    case 'csv':
      return {
        contentType: 'text/csv; charset=utf-8',
        body: synthesisCsv(input, language),
        filename: `${base}.csv`,
        synthesis,
      };
    case 'md':
      return {
        contentType: 'text/markdown; charset=utf-8',
        body: synthesisMarkdown(synthesis, input.programme.timeZone, language),
        filename: `${base}.md`,
        synthesis,
      };
  }
}

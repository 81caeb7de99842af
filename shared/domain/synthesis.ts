import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import * as z from 'zod';
import type { Feedback } from './feedback';
import { localise } from './localise';
import {
  type FeedbackQuestion,
  type Language,
  type LocalisedText,
  Role,
  roles,
  SessionKind,
  sessionKinds,
} from './schemas';
import { neutraliseFormula } from './spreadsheet';

/**
 * The feedback synthesis for the final session: pure functions from stored feedback (which
 * carries no identity) and participation counts to JSON, CSV and a Markdown report.
 */

export interface SynthesisSession {
  id: string;
  kind: SessionKind;
  title: LocalisedText;
  date: string;
  /** Confirmed registrations; `present` counts only once attendance is recorded for the session. */
  participation: { confirmed: number; attendanceRecorded: boolean; present: number };
}

export interface SynthesisInput {
  programme: { id: string; title: LocalisedText; timeZone: string; questions: FeedbackQuestion[] };
  /** The sessions in scope; feedback of other sessions is ignored. */
  sessions: SynthesisSession[];
  feedback: Feedback[];
  /** Null for the whole programme. */
  sessionId: string | null;
  generatedAt: Date;
}

const LocalisedTextOut = z.object({ nl: z.string(), en: z.string().optional() });

const RatingSummary = z.object({
  responses: z.number().int(),
  /** Mean of the 1–5 ratings, rounded to two decimals; null without responses. */
  averageRating: z.number().nullable(),
  ratingDistribution: z.object({ '1': z.number(), '2': z.number(), '3': z.number(), '4': z.number(), '5': z.number() }),
});
export type RatingSummary = z.infer<typeof RatingSummary>;
export type RatingDistribution = RatingSummary['ratingDistribution'];

const ResponseRate = z.object({
  /** Who could have responded: those marked present once attendance is recorded, else the confirmed. */
  participants: z.number().int(),
  /** responses / participants, rounded to three decimals; null when nobody took part. */
  responseRate: z.number().nullable(),
});
export type ResponseRate = z.infer<typeof ResponseRate>;

const Quote = z.object({
  text: z.string(),
  role: Role,
  sessionKind: SessionKind,
  sessionId: z.string(),
  sessionDate: z.string(),
});
export type Quote = z.infer<typeof Quote>;

/** The synthesis as JSON; the schema documents `?format=json` in OpenAPI. */
export const FeedbackSynthesis = z.object({
  programme: z.object({ id: z.string(), title: LocalisedTextOut }),
  sessionId: z.string().nullable(),
  generatedAt: z.string(),
  overall: RatingSummary.extend(ResponseRate.shape),
  sessions: z.array(
    RatingSummary.extend(ResponseRate.shape).extend({
      id: z.string(),
      kind: SessionKind,
      title: LocalisedTextOut,
      date: z.string(),
      participantsBasis: z.enum(['present', 'confirmed']),
      confirmed: z.number().int(),
      present: z.number().int().nullable(),
    }),
  ),
  byKind: z.array(RatingSummary.extend({ kind: SessionKind })),
  byRole: z.array(RatingSummary.extend({ role: Role })),
  questions: z.array(
    z.object({
      id: z.string(),
      text: LocalisedTextOut,
      answerCount: z.number().int(),
      byRole: z.array(z.object({ key: Role, count: z.number().int(), answers: z.array(Quote) })),
      byKind: z.array(z.object({ key: SessionKind, count: z.number().int(), answers: z.array(Quote) })),
    }),
  ),
  comments: z.array(Quote),
});
export type FeedbackSynthesis = z.infer<typeof FeedbackSynthesis>;

const round = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;

export function summariseRatings(ratings: readonly number[]): RatingSummary {
  const ratingDistribution: RatingDistribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const r of ratings) ratingDistribution[String(r) as keyof RatingDistribution]++;
  const sum = ratings.reduce((a, b) => a + b, 0);
  return {
    responses: ratings.length,
    averageRating: ratings.length === 0 ? null : round(sum / ratings.length, 2),
    ratingDistribution,
  };
}

const rate = (responses: number, participants: number): ResponseRate => ({
  participants,
  responseRate: participants === 0 ? null : round(responses / participants, 3),
});

/** Groups in a fixed order (the order of `keys`), leaving out empty groups. */
function groupInOrder<K extends string, T>(items: T[], keys: readonly K[], keyOf: (t: T) => K): Array<[K, T[]]> {
  const groups = new Map<K, T[]>(keys.map((k) => [k, []]));
  for (const item of items) groups.get(keyOf(item))?.push(item);
  return [...groups].filter(([, list]) => list.length > 0);
}

export function synthesise(input: SynthesisInput): FeedbackSynthesis {
  const sessions = [...input.sessions].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  // Session date, then submission time: the order quotes are read out in.
  const feedback = input.feedback
    .filter((f) => sessionById.has(f.sessionId))
    .sort(
      (a, b) =>
        (sessionById.get(a.sessionId)?.date ?? '').localeCompare(sessionById.get(b.sessionId)?.date ?? '') ||
        a.sessionId.localeCompare(b.sessionId) ||
        a.submittedAt.localeCompare(b.submittedAt) ||
        a.registrationId.localeCompare(b.registrationId),
    );
  const quote = (f: Feedback, text: string): Quote => ({
    text,
    role: f.role,
    sessionKind: f.sessionKind,
    sessionId: f.sessionId,
    sessionDate: sessionById.get(f.sessionId)?.date ?? '',
  });

  const perSession = sessions.map((s) => {
    const mine = feedback.filter((f) => f.sessionId === s.id);
    const basis = s.participation.attendanceRecorded ? ('present' as const) : ('confirmed' as const);
    const participants = basis === 'present' ? s.participation.present : s.participation.confirmed;
    return {
      id: s.id,
      kind: s.kind,
      title: s.title,
      date: s.date,
      ...summariseRatings(mine.map((f) => f.rating)),
      ...rate(mine.length, participants),
      participantsBasis: basis,
      confirmed: s.participation.confirmed,
      present: s.participation.attendanceRecorded ? s.participation.present : null,
    };
  });
  const participants = perSession.reduce((n, s) => n + s.participants, 0);

  const questions = input.programme.questions.map((q) => {
    const answered = feedback.filter((f) => f.answers[q.id] !== undefined);
    const quotes = answered.map((f) => quote(f, f.answers[q.id] as string));
    return {
      id: q.id,
      text: q.text,
      answerCount: quotes.length,
      byRole: groupInOrder(quotes, roles, (a) => a.role).map(([key, answers]) => ({
        key,
        count: answers.length,
        answers,
      })),
      byKind: groupInOrder(quotes, sessionKinds, (a) => a.sessionKind).map(([key, answers]) => ({
        key,
        count: answers.length,
        answers,
      })),
    };
  });

  return {
    programme: { id: input.programme.id, title: input.programme.title },
    sessionId: input.sessionId,
    generatedAt: input.generatedAt.toISOString(),
    overall: { ...summariseRatings(feedback.map((f) => f.rating)), ...rate(feedback.length, participants) },
    sessions: perSession,
    byKind: groupInOrder(feedback, sessionKinds, (f) => f.sessionKind).map(([kind, list]) => ({
      kind,
      ...summariseRatings(list.map((f) => f.rating)),
    })),
    byRole: groupInOrder(feedback, roles, (f) => f.role).map(([role, list]) => ({
      role,
      ...summariseRatings(list.map((f) => f.rating)),
    })),
    questions,
    comments: feedback.filter((f) => f.comment !== null).map((f) => quote(f, f.comment as string)),
  };
}

// ---------------------------------------------------------------------------------------------
// Labels

export const roleLabels: Record<Role, Record<Language, string>> = {
  'community-worker': { nl: 'Opbouwwerker', en: 'Community worker' },
  'police-officer': { nl: 'Wijkagent', en: 'Community police officer' },
  teacher: { nl: 'Docent', en: 'Teacher' },
  'district-nurse': { nl: 'Wijkverpleegkundige', en: 'District nurse' },
  resident: { nl: 'Bewoner', en: 'Resident' },
  'civil-servant': { nl: 'Ambtenaar', en: 'Civil servant' },
  other: { nl: 'Anders', en: 'Other' },
};

export const kindLabels: Record<SessionKind, Record<Language, string>> = {
  reflection: { nl: 'Reflectiebijeenkomst', en: 'Reflection session' },
  knowledge: { nl: 'Kennisbijeenkomst', en: 'Knowledge session' },
  practice: { nl: 'Praktijkbijeenkomst', en: 'Practice session' },
  feedback: { nl: 'Terugkoppeling', en: 'Feedback session' },
};

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * One row per response, a column per question: what an organiser filters and pivots in a
 * spreadsheet. Dutch Excel opens it by double-click: UTF-8 with a byte order mark, `;` (the
 * Dutch list separator), CRLF, every field quoted. Dates are local to the programme's zone.
 */
export function synthesisCsv(input: SynthesisInput, language: Language = 'nl'): string {
  const { programme } = input;
  const synthesis = synthesise(input);
  const inScope = new Set(synthesis.sessions.map((s) => s.id));
  const sessionTitle = new Map(synthesis.sessions.map((s) => [s.id, localise(s.title, language).text]));
  const sessionDate = new Map(synthesis.sessions.map((s) => [s.id, s.date]));
  const localTime = (iso: string) => DateTime.fromISO(iso).setZone(programme.timeZone).toFormat('yyyy-MM-dd HH:mm');
  const nl = language === 'nl';
  const header = [
    nl ? 'Datum' : 'Date',
    nl ? 'Bijeenkomst' : 'Session',
    nl ? 'Soort' : 'Kind',
    nl ? 'Rol' : 'Role',
    nl ? 'Wijk' : 'Neighbourhood',
    nl ? 'Waardering (1-5)' : 'Rating (1-5)',
    ...programme.questions.map((q) => localise(q.text, language).text),
    nl ? 'Opmerking' : 'Comment',
    nl ? 'Ingediend' : 'Submitted',
    nl ? 'Gewijzigd' : 'Changed',
  ];
  const rows = input.feedback
    .filter((f) => inScope.has(f.sessionId))
    .sort(
      (a, b) =>
        (sessionDate.get(a.sessionId) ?? '').localeCompare(sessionDate.get(b.sessionId) ?? '') ||
        a.sessionId.localeCompare(b.sessionId) ||
        a.submittedAt.localeCompare(b.submittedAt) ||
        a.registrationId.localeCompare(b.registrationId),
    )
    .map((f) => [
      sessionDate.get(f.sessionId) ?? '',
      sessionTitle.get(f.sessionId) ?? f.sessionId,
      kindLabels[f.sessionKind][language],
      roleLabels[f.role][language],
      f.neighbourhood ?? '',
      String(f.rating),
      ...programme.questions.map((q) => f.answers[q.id] ?? ''),
      f.comment ?? '',
      localTime(f.submittedAt),
      localTime(f.updatedAt),
    ]);
  return stringify(
    [header, ...rows].map((cells) => cells.map(neutraliseFormula)),
    { bom: true, delimiter: ';', record_delimiter: 'windows', quoted: true },
  );
}

// ---------------------------------------------------------------------------------------------
// Markdown

/**
 * Escapes text for Markdown (CommonMark and GitHub's tables): every character that can start
 * markup inline is backslash-escaped, and what would start a block at the beginning of a line
 * (heading, quote, list item, setext underline) is escaped there. Whitespace is collapsed to
 * single spaces, so the text stays on its line (tables, headings, list items).
 */
export function escapeMarkdown(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const inline = flat.replace(/[\\`*_[\]{}<>|~&#]/g, (c) => `\\${c}`);
  // Block starters: "- ", "+ ", "= ", "> " and "1. " / "1) " at the start of the line.
  return inline.replace(/^([-+=>])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Multi-line user text as the content of a list item: lines kept, each escaped, continuation indented. */
function escapeMultiline(text: string, indent: string): string {
  const lines = text
    .split('\n')
    .map((l) => escapeMarkdown(l))
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''));
  while (lines.at(-1) === '') lines.pop();
  return lines.map((l, i) => (i === 0 || l === '' ? l : `${indent}${l}`)).join('\n');
}

const labels = {
  nl: {
    heading: 'Feedback',
    generated: 'Samengesteld op',
    headline: 'Kerncijfers',
    responses: 'Reacties',
    of: 'van',
    participants: 'deelnemers',
    responseRate: 'respons',
    average: 'Gemiddelde waardering',
    outOf: 'van 5',
    distribution: 'Verdeling van de waarderingen',
    perSession: 'Per bijeenkomst',
    perKind: 'Per soort bijeenkomst',
    perRole: 'Per rol',
    date: 'Datum',
    session: 'Bijeenkomst',
    kind: 'Soort',
    role: 'Rol',
    rate: 'Respons',
    avg: 'Gemiddeld',
    questions: 'De vragen',
    answers: (n: number) => (n === 1 ? '1 antwoord' : `${n} antwoorden`),
    noAnswers: 'Nog geen antwoorden.',
    byKindLine: 'Per soort',
    comments: 'Overige opmerkingen',
    noFeedback: 'Er is nog geen feedback gegeven.',
    basisPresent: 'aanwezigen',
    scope: 'Deze synthese gaat over één bijeenkomst.',
  },
  en: {
    heading: 'Feedback',
    generated: 'Compiled on',
    headline: 'Headline numbers',
    responses: 'Responses',
    of: 'of',
    participants: 'participants',
    responseRate: 'response rate',
    average: 'Average rating',
    outOf: 'out of 5',
    distribution: 'Ratings',
    perSession: 'Per session',
    perKind: 'Per kind of session',
    perRole: 'Per role',
    date: 'Date',
    session: 'Session',
    kind: 'Kind',
    role: 'Role',
    rate: 'Response rate',
    avg: 'Average',
    questions: 'The questions',
    answers: (n: number) => (n === 1 ? '1 answer' : `${n} answers`),
    noAnswers: 'No answers yet.',
    byKindLine: 'By kind',
    comments: 'Other comments',
    noFeedback: 'No feedback has been given yet.',
    basisPresent: 'present',
    scope: 'This synthesis covers one session.',
  },
} as const;

/**
 * The report to present at the final session: headline numbers, tables per session, kind and
 * role, then per question the answers grouped by role (each quote says which kind of session it
 * came from), then the other comments. All user and organiser text is escaped.
 */
export function synthesisMarkdown(s: FeedbackSynthesis, timeZone: string, language: Language = 'nl'): string {
  const t = labels[language];
  const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
  const number = (n: number, digits = 1) =>
    n.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const percent = (r: number | null) => (r === null ? '–' : `${Math.round(r * 100)}%`);
  const average = (a: number | null) => (a === null ? '–' : number(a));
  const day = (date: string) => DateTime.fromISO(date, { zone: timeZone }).setLocale(locale).toFormat('d LLLL yyyy');
  const text = (l: LocalisedText) => escapeMarkdown(localise(l, language).text);
  const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  /** A GitHub table; the columns from `firstNumeric` on are numbers and align right. */
  const table = (head: string[], firstNumeric: number, rows: Array<Array<string | number>>) => [
    row(head),
    row(head.map((_, i) => (i < firstNumeric ? '---' : '---:'))),
    ...rows.map(row),
  ];
  const quoteLine = (q: Quote, showRole: boolean) => {
    const where = `${kindLabels[q.sessionKind][language]}, ${day(q.sessionDate)}`;
    const who = showRole ? `${roleLabels[q.role][language]}, ` : '';
    return `- ${escapeMultiline(q.text, '  ')}\n  _(${escapeMarkdown(who + where)})_`;
  };

  const out: string[] = [];
  out.push(`# ${t.heading}: ${text(s.programme.title)}`, '');
  const generated = DateTime.fromISO(s.generatedAt).setZone(timeZone).setLocale(locale).toFormat('d LLLL yyyy, HH:mm');
  out.push(`_${t.generated} ${escapeMarkdown(generated)}._`, '');
  if (s.sessionId !== null) out.push(`_${t.scope}_`, '');

  out.push(`## ${t.headline}`, '');
  out.push(
    `- **${t.responses}:** ${s.overall.responses} ${t.of} ${s.overall.participants} ${t.participants} (${percent(s.overall.responseRate)} ${t.responseRate})`,
  );
  out.push(`- **${t.average}:** ${average(s.overall.averageRating)} ${t.outOf}`);
  const dist = (['5', '4', '3', '2', '1'] as const).map((k) => `${k}: ${s.overall.ratingDistribution[k]}`).join(' · ');
  out.push(`- **${t.distribution}:** ${dist}`, '');
  if (s.overall.responses === 0) out.push(t.noFeedback, '');

  out.push(`## ${t.perSession}`, '');
  out.push(
    ...table(
      [t.date, t.session, t.kind, t.responses, t.rate, t.avg],
      3,
      s.sessions.map((x) => [
        day(x.date),
        text(x.title),
        kindLabels[x.kind][language],
        `${x.responses} / ${x.participants}${x.participantsBasis === 'present' ? ` ${t.basisPresent}` : ''}`,
        percent(x.responseRate),
        average(x.averageRating),
      ]),
    ),
    '',
  );

  if (s.byKind.length > 1) {
    out.push(`## ${t.perKind}`, '');
    out.push(
      ...table(
        [t.kind, t.responses, t.avg],
        1,
        s.byKind.map((k) => [kindLabels[k.kind][language], k.responses, average(k.averageRating)]),
      ),
      '',
    );
  }
  if (s.byRole.length > 0) {
    out.push(`## ${t.perRole}`, '');
    out.push(
      ...table(
        [t.role, t.responses, t.avg],
        1,
        s.byRole.map((r) => [roleLabels[r.role][language], r.responses, average(r.averageRating)]),
      ),
      '',
    );
  }

  out.push(`## ${t.questions}`, '');
  s.questions.forEach((q, i) => {
    out.push(`### ${i + 1}\\. ${text(q.text)}`, '');
    if (q.answerCount === 0) {
      out.push(t.noAnswers, '');
      return;
    }
    const kinds = q.byKind.map((k) => `${kindLabels[k.key][language]} ${k.count}`).join(' · ');
    out.push(`_${t.answers(q.answerCount)} · ${t.byKindLine}: ${kinds}_`, '');
    for (const group of q.byRole) {
      out.push(`#### ${roleLabels[group.key][language]} (${group.count})`, '');
      for (const a of group.answers) out.push(quoteLine(a, false));
      out.push('');
    }
  });

  if (s.comments.length > 0) {
    out.push(`## ${t.comments}`, '');
    for (const c of s.comments) out.push(quoteLine(c, true));
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

import { localise } from '../localise';
import type { Language, LocalisedText } from '../schemas';
import { dateInWords, localDateTimeAt } from '../time';
import { kindLabels, roleLabels } from './labels';
import type { FeedbackSynthesis, Quote } from './schema';

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
  const day = (date: string) => dateInWords(date, locale);
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
  const generatedAt = localDateTimeAt(Date.parse(s.generatedAt), timeZone);
  const generated = `${dateInWords(generatedAt.slice(0, 10), locale)}, ${generatedAt.slice(11, 16)}`;
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

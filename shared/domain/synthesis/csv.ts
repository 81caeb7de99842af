import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '../csv-safety';
import { localise } from '../localise';
import type { Language } from '../schemas';
import { spreadsheetLocalTime } from '../time';
import { inReadingOrder, type SynthesisInput, synthesise } from './compute';
import { kindLabels, roleLabels } from './labels';

/**
 * One row per response, a column per question: what an organiser filters and pivots in a
 * spreadsheet. Dutch Excel opens it by double-click: UTF-8 with a byte order mark, `;` (the
 * Dutch list separator), CRLF, every field quoted. Dates are local to the programme's zone.
 */
export function synthesisCsv(input: SynthesisInput, language: Language = 'nl'): string {
  const { programme } = input;
  const synthesis = synthesise(input);
  const sessionTitle = new Map(synthesis.sessions.map((s) => [s.id, localise(s.title, language).text]));
  const sessionDate = new Map(synthesis.sessions.map((s) => [s.id, s.date]));
  const localTime = (iso: string) => spreadsheetLocalTime(iso, programme.timeZone);
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
  const rows = inReadingOrder(input.feedback, sessionDate).map((f) => [
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

import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from './csv-safety';
import { funnelStages, type PublishedGroups, type PublishedReach } from './reach';
import type { Language } from './schemas';
import { countText } from './small-cells';

/** The reach report as the API gives it: the published (suppressed) counts and what they mean. */
export interface ReachReport extends PublishedReach {
  programmeId: string;
  sessionId: string | null;
  sessions: { id: string; date: string }[];
  generatedAt: string;
  threshold: number;
  /** Names of the groups and needs (`role:<id>`, `area:<id>`, `channel:<id>`, `need:<id>`), in the report's language. */
  labels: Record<string, string>;
  notes: string[];
}

const TEXT: Record<Language, Record<string, string>> = {
  nl: {
    title: 'Wie we bereiken',
    programme: 'Programma',
    session: 'Bijeenkomst',
    sessions: 'bijeenkomsten',
    registrations: 'Aanmeldingen',
    people: 'Verschillende mensen',
    byRole: 'Per rol',
    byArea: 'Per stadsdeel',
    byChannel: 'Hoe ze ervan hoorden',
    visits: 'Eerste keer of terugkerend',
    first: 'Eerste keer',
    returning: 'Terugkerend',
    unknown: 'Onbekend',
    total: 'Totaal',
    group: 'Groep',
    registered: 'Aangemeld',
    addressConfirmed: 'Adres bevestigd',
    attended: 'Aanwezig',
    gaveFeedback: 'Feedback gegeven',
    accessNeeds: 'Toegankelijkheid: gevraagd en geregeld',
    need: 'Behoefte',
    asked: 'Gevraagd',
    met: 'Geregeld',
    notes: 'Toelichting',
    section: 'Onderdeel',
  },
  en: {
    title: 'Who we reach',
    programme: 'Programme',
    session: 'Session',
    sessions: 'sessions',
    registrations: 'Registrations',
    people: 'Different people',
    byRole: 'By role',
    byArea: 'By area',
    byChannel: 'How they heard',
    visits: 'First time or returning',
    first: 'First time',
    returning: 'Returning',
    unknown: 'Unknown',
    total: 'Total',
    group: 'Group',
    registered: 'Registered',
    addressConfirmed: 'Address confirmed',
    attended: 'Attended',
    gaveFeedback: 'Gave feedback',
    accessNeeds: 'Access needs: asked and arranged',
    need: 'Need',
    asked: 'Asked',
    met: 'Arranged',
    notes: 'Notes',
    section: 'Section',
  },
};

const label = (r: ReachReport, prefix: string, key: string) => r.labels[`${prefix}:${key}`] ?? r.labels[key] ?? key;

type Table = { title: string; head: string[]; rows: string[][] };

function groupTable(
  r: ReachReport,
  t: Record<string, string>,
  title: string,
  prefix: string,
  g: PublishedGroups,
): Table {
  return {
    title,
    head: [t.group as string, ...funnelStages.map((s) => t[s] as string)],
    rows: [
      ...g.rows.map((row) => [label(r, prefix, row.key), ...funnelStages.map((s) => countText(row.counts[s]))]),
      [t.total as string, ...funnelStages.map((s) => countText(g.totals[s]))],
    ],
  };
}

function tables(r: ReachReport, lang: Language): Table[] {
  const t = TEXT[lang];
  const out: Table[] = [
    groupTable(r, t, t.byRole as string, 'role', r.byRole),
    groupTable(r, t, t.byArea as string, 'area', r.byArea),
  ];
  if (r.byChannel.rows.length > 0) out.push(groupTable(r, t, t.byChannel as string, 'channel', r.byChannel));
  out.push({
    title: t.visits as string,
    head: [t.group as string, t.registrations as string],
    rows: [
      [t.first as string, countText(r.visits.cells.first)],
      [t.returning as string, countText(r.visits.cells.returning)],
      [t.unknown as string, countText(r.visits.cells.unknown)],
      [t.total as string, countText(r.visits.total)],
    ],
  });
  out.push({
    title: t.accessNeeds as string,
    head: [t.need as string, t.asked as string, t.met as string],
    rows: r.accessNeeds.map((a) => [label(r, 'need', a.need), countText(a.asked), countText(a.met)]),
  });
  return out;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

/** Markdown that can go to the alderman as it is: nothing under 5 in it, and the notes say why. */
export function reachMarkdown(r: ReachReport, lang: Language = 'nl'): string {
  const t = TEXT[lang];
  const scope = r.sessionId
    ? `${t.session}: ${r.sessionId} (${r.sessions[0]?.date ?? ''})`
    : `${t.programme}: ${r.programmeId} (${r.sessions.length} ${t.sessions})`;
  const lines = [
    `# ${t.title}`,
    '',
    scope,
    '',
    `- ${t.registrations}: ${countText(r.registrations)}`,
    `- ${t.people}: ${countText(r.people)}`,
    '',
  ];
  for (const table of tables(r, lang)) {
    lines.push(`## ${table.title}`, '');
    lines.push(`| ${table.head.map(cell).join(' | ')} |`, `|${table.head.map(() => ' --- ').join('|')}|`);
    for (const row of table.rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
    lines.push('');
  }
  lines.push(`## ${t.notes}`, '', ...r.notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

/** The same tables as one CSV for Dutch Excel (BOM, `;`, CRLF, every field quoted): section, group, counts, each table under its own header row. */
export function reachCsv(r: ReachReport, lang: Language = 'nl'): string {
  const t = TEXT[lang];
  const records: string[][] = [];
  for (const table of tables(r, lang)) {
    records.push([t.section as string, ...table.head]);
    for (const row of table.rows) records.push([table.title, ...row]);
  }
  // Every row as wide as the widest, so the sheet is one rectangle.
  const width = Math.max(...records.map((r) => r.length));
  return stringify(
    records.map((cells) => [...cells, ...Array(width - cells.length).fill('')].map(neutraliseFormula)),
    { bom: true, delimiter: ';', record_delimiter: 'windows', quoted: true },
  );
}

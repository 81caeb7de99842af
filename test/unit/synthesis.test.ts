import { parse } from 'csv-parse/sync';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../shared/domain/csv-safety';
import type { Feedback } from '../../shared/domain/feedback';
import {
  escapeMarkdown,
  FeedbackSynthesis,
  type SynthesisInput,
  summariseRatings,
  synthesisCsv,
  synthesise,
  synthesisMarkdown,
} from '../../shared/domain/synthesis';

/** A seeded programme: three sessions, five responses in scope and one from elsewhere. */
let n = 0;
const aFeedback = (overrides: Partial<Feedback>): Feedback => {
  n++;
  const at = `2027-06-01T10:${String(n).padStart(2, '0')}:00.000Z`;
  return {
    sessionId: 's1',
    registrationId: `r${n}`,
    programmeId: 'p',
    sessionKind: 'reflection',
    role: 'teacher',
    neighbourhood: null,
    rating: 3,
    answers: {},
    comment: null,
    submittedAt: at,
    updatedAt: at,
    revision: 1,
    ...overrides,
  };
};

const seeded = (): SynthesisInput => ({
  programme: {
    id: 'p',
    title: { nl: 'Jaarprogramma 2027' },
    timeZone: 'Europe/Amsterdam',
    questions: [
      { id: 'impact', text: { nl: 'Hoe maken we samen impact?', en: 'How do we make an impact together?' } },
      { id: 'hinders', text: { nl: 'Wat belemmert professionals?' } },
      { id: 'helps', text: { nl: 'Wat helpt professionals?' } },
    ],
  },
  sessions: [
    // Deliberately out of date order.
    {
      id: 's2',
      kind: 'practice',
      title: { nl: 'Praktijk' },
      date: '2027-04-23',
      participation: { confirmed: 8, attendanceRecorded: true, present: 5 },
    },
    {
      id: 's1',
      kind: 'reflection',
      title: { nl: 'Reflectie' },
      date: '2027-03-03',
      participation: { confirmed: 10, attendanceRecorded: false, present: 0 },
    },
    {
      id: 's3',
      kind: 'knowledge',
      title: { nl: 'Kennis' },
      date: '2027-05-28',
      participation: { confirmed: 4, attendanceRecorded: false, present: 0 },
    },
  ],
  feedback: [
    aFeedback({ sessionId: 's2', sessionKind: 'practice', role: 'teacher', rating: 4 }),
    aFeedback({ role: 'teacher', rating: 5, answers: { impact: 'A1', hinders: 'H1' }, comment: 'Goed' }),
    aFeedback({ role: 'community-worker', rating: 4, answers: { impact: 'A2' }, neighbourhood: 'Noord' }),
    aFeedback({ role: 'teacher', rating: 3, answers: { helps: 'P1' } }),
    aFeedback({
      sessionId: 's2',
      sessionKind: 'practice',
      role: 'resident',
      rating: 2,
      answers: { impact: 'A3', hinders: 'H2' },
      comment: '=HYPERLINK("http://evil.example","klik")',
    }),
    aFeedback({ sessionId: 'elsewhere', rating: 1, answers: { impact: 'not in scope' } }),
  ],
  sessionId: null,
  generatedAt: new Date('2027-11-20T09:00:00Z'),
});

describe('feedback synthesis', () => {
  it('summarises ratings: count, average rounded to two decimals, distribution', () => {
    expect(summariseRatings([5, 4, 4])).toEqual({
      responses: 3,
      averageRating: 4.33,
      ratingDistribution: { '1': 0, '2': 0, '3': 0, '4': 2, '5': 1 },
    });
    expect(summariseRatings([])).toMatchObject({ responses: 0, averageRating: null });
  });

  it('gives the headline numbers: responses, average, distribution and response rate', () => {
    const s = synthesise(seeded());

    expect(FeedbackSynthesis.parse(s)).toEqual(s);
    expect(s.overall).toEqual({
      responses: 5,
      averageRating: 3.6,
      ratingDistribution: { '1': 0, '2': 1, '3': 1, '4': 2, '5': 1 },
      // 10 confirmed + 5 present (attendance recorded) + 4 confirmed
      participants: 19,
      responseRate: 0.263,
    });
  });

  it('per session, in date order, counting those present once attendance is recorded', () => {
    const s = synthesise(seeded());

    expect(s.sessions.map((x) => [x.id, x.responses, x.averageRating, x.participants, x.responseRate])).toEqual([
      ['s1', 3, 4, 10, 0.3],
      ['s2', 2, 3, 5, 0.4],
      ['s3', 0, null, 4, 0],
    ]);
    expect(s.sessions[1]).toMatchObject({ participantsBasis: 'present', confirmed: 8, present: 5 });
    expect(s.sessions[0]).toMatchObject({ participantsBasis: 'confirmed', present: null });
  });

  it('groups ratings by session kind and by role, in the fixed order of kinds and roles', () => {
    const s = synthesise(seeded());

    expect(s.byKind.map((k) => [k.kind, k.responses, k.averageRating])).toEqual([
      ['reflection', 3, 4],
      ['practice', 2, 3],
    ]);
    expect(s.byRole.map((r) => [r.role, r.responses, r.averageRating])).toEqual([
      ['community-worker', 1, 4],
      ['teacher', 3, 4],
      ['resident', 1, 2],
    ]);
  });

  it('groups the answers per question by role and by kind, ignoring other sessions', () => {
    const s = synthesise(seeded());
    const texts = (g: { answers: Array<{ text: string }> }) => g.answers.map((a) => a.text);

    expect(s.questions.map((q) => [q.id, q.answerCount])).toEqual([
      ['impact', 3],
      ['hinders', 2],
      ['helps', 1],
    ]);
    const impact = s.questions[0];
    expect(impact?.byRole.map((g) => [g.key, g.count, texts(g)])).toEqual([
      ['community-worker', 1, ['A2']],
      ['teacher', 1, ['A1']],
      ['resident', 1, ['A3']],
    ]);
    expect(impact?.byKind.map((g) => [g.key, g.count, texts(g)])).toEqual([
      ['reflection', 2, ['A1', 'A2']],
      ['practice', 1, ['A3']],
    ]);
    expect(s.comments.map((c) => [c.text, c.role, c.sessionKind])).toEqual([
      ['Goed', 'teacher', 'reflection'],
      ['=HYPERLINK("http://evil.example","klik")', 'resident', 'practice'],
    ]);
  });

  it('limits itself to one session when asked', () => {
    const input = seeded();
    const one = synthesise({ ...input, sessions: input.sessions.filter((x) => x.id === 's2'), sessionId: 's2' });

    expect(one.sessionId).toBe('s2');
    expect(one.overall).toMatchObject({ responses: 2, averageRating: 3, participants: 5, responseRate: 0.4 });
    expect(one.questions[0]?.answerCount).toBe(1);
  });
});

describe('the CSV export', () => {
  const parseCsv = (text: string) => parse(text, { bom: true, delimiter: ';', record_delimiter: '\r\n' }) as string[][];

  it('is Dutch-Excel friendly: BOM, semicolons, CRLF, every field quoted', () => {
    const csv = synthesisCsv(seeded());

    expect(csv.startsWith('\uFEFF"Datum";"Bijeenkomst";"Soort";"Rol";"Wijk";"Waardering (1-5)";')).toBe(true);
    expect(csv.split('\r\n').length).toBe(1 + 5 + 1); // header, five responses, final line end
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/(?<!\r)\n(?!")/);
  });

  it('reads back as one row per response in session order, answers in question columns', () => {
    const rows = parseCsv(synthesisCsv(seeded()));

    expect(rows[0]).toEqual([
      'Datum',
      'Bijeenkomst',
      'Soort',
      'Rol',
      'Wijk',
      'Waardering (1-5)',
      'Hoe maken we samen impact?',
      'Wat belemmert professionals?',
      'Wat helpt professionals?',
      'Opmerking',
      'Ingediend',
      'Gewijzigd',
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[3], r[5], r[6], r[7], r[8], r[9]])).toEqual([
      ['2027-03-03', 'Docent', '5', 'A1', 'H1', '', 'Goed'],
      ['2027-03-03', 'Opbouwwerker', '4', 'A2', '', '', ''],
      ['2027-03-03', 'Docent', '3', '', '', 'P1', ''],
      ['2027-04-23', 'Docent', '4', '', '', '', ''],
      ['2027-04-23', 'Bewoner', '2', 'A3', 'H2', '', '\'=HYPERLINK("http://evil.example","klik")'],
    ]);
    expect(rows[2]?.[4]).toBe('Noord');
    expect(rows[1]?.[10]).toMatch(/^2027-06-01 12:\d\d$/); // 10:xx UTC is 12:xx in Amsterdam in summer
  });

  it('keeps hostile text intact apart from neutralising formulas', () => {
    const input = seeded();
    input.feedback = [
      aFeedback({ answers: { impact: 'een; twee\n"drie"\r\nvier' }, comment: '+31 6 1234' }),
      aFeedback({ answers: { impact: '@SUM(A1)', hinders: '-2', helps: '\tTAB' }, comment: 'gewoon' }),
    ];

    const rows = parseCsv(synthesisCsv(input));

    expect(rows[1]?.slice(6, 10)).toEqual(['een; twee\n"drie"\r\nvier', '', '', "'+31 6 1234"]);
    expect(rows[2]?.slice(6, 10)).toEqual(["'@SUM(A1)", "'-2", "'\tTAB", 'gewoon']);
    expect(['=1', '+1', '-1', '@1', 'x=1', '1-2'].map(neutraliseFormula)).toEqual([
      "'=1",
      "'+1",
      "'-1",
      "'@1",
      'x=1',
      '1-2',
    ]);
  });

  it('can be in English', () => {
    const rows = parseCsv(synthesisCsv(seeded(), 'en'));
    expect(rows[0]?.slice(0, 7)).toEqual([
      'Date',
      'Session',
      'Kind',
      'Role',
      'Neighbourhood',
      'Rating (1-5)',
      'How do we make an impact together?',
    ]);
    expect(rows[1]?.[3]).toBe('Teacher');
  });
});

describe('the Markdown report', () => {
  const md = new MarkdownIt({ html: true });
  const hostile = [
    '# Kop',
    '> citaat',
    '- lijst',
    '1. een',
    '=====',
    '<script>alert(1)</script> *vet* __dik__ [link](javascript:alert(1)) | pipe | `code` &amp; ![img](x) ~~weg~~ \\',
  ].join('\n');

  it('presents the headline numbers, the tables and the quotes per question and role', () => {
    const report = synthesisMarkdown(synthesise(seeded()), 'Europe/Amsterdam');

    expect(report).toContain('# Feedback: Jaarprogramma 2027\n');
    expect(report).toContain('- **Reacties:** 5 van 19 deelnemers (26% respons)');
    expect(report).toContain('- **Gemiddelde waardering:** 3,6 van 5');
    expect(report).toContain('- **Verdeling van de waarderingen:** 5: 1 · 4: 2 · 3: 1 · 2: 1 · 1: 0');
    expect(report).toContain('| 3 maart 2027 | Reflectie | Reflectiebijeenkomst | 3 / 10 | 30% | 4,0 |');
    expect(report).toContain('| 23 april 2027 | Praktijk | Praktijkbijeenkomst | 2 / 5 aanwezigen | 40% | 3,0 |');
    expect(report).toContain('### 1\\. Hoe maken we samen impact?');
    expect(report).toContain('_3 antwoorden · Per soort: Reflectiebijeenkomst 2 · Praktijkbijeenkomst 1_');
    expect(report).toContain('#### Docent (1)\n\n- A1\n  _(Reflectiebijeenkomst, 3 maart 2027)_');
    expect(report).toContain('## Overige opmerkingen');

    const html = md.render(report);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html.match(/<table>/g)).toHaveLength(3); // per session, per kind, per role
    expect(html).toContain('<li>=HYPERLINK(&quot;http://evil.example&quot;,&quot;klik&quot;)');
  });

  it('escapes user text so it renders as the text it is, in lists, tables and headings', () => {
    const input = seeded();
    input.programme.questions[0] = { id: 'impact', text: { nl: 'Impact | *samen* <b>?</b>' } };
    input.sessions[1] = {
      ...(input.sessions[1] as SynthesisInput['sessions'][number]),
      title: { nl: 'Reflectie | wijk _x_' },
    };
    input.feedback = [aFeedback({ answers: { impact: hostile }, comment: hostile })];

    const report = synthesisMarkdown(synthesise(input), 'Europe/Amsterdam');
    const html = md.render(report);

    // The answer and the comment: one list item each, with nothing but text (and line breaks)
    // apart from our own attribution line.
    const items = html
      .split('<li>')
      .filter((seg) => seg.includes('alert(1)'))
      .map((seg) => seg.slice(0, seg.indexOf('</li>')).replace(/<em>\([^<]*\)<\/em>/, ''));
    expect(items).toHaveLength(2);
    for (const item of items) expect(item).not.toMatch(/<(?!\/?p>)[a-z]/i);
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<h1>Kop/);
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; *vet* __dik__ [link](javascript:alert(1)) | pipe | `code` &amp;amp; ![img](x) ~~weg~~ \\',
    );
    expect(html).toContain('# Kop\n&gt; citaat\n- lijst\n1. een\n=====');
    expect(html).toContain('<h3>1. Impact | *samen* &lt;b&gt;?&lt;/b&gt;</h3>');
    // The session table keeps its six columns although the title has a pipe.
    const sessionRow = html.split('<tr>').find((r) => r.includes('Reflectie | wijk _x_'));
    expect(sessionRow?.match(/<td/g)).toHaveLength(6);
  });

  it('escapes what would start a block, and only that, at the beginning of a line', () => {
    expect(escapeMarkdown('- a - b')).toBe('\\- a - b');
    expect(escapeMarkdown('12. twaalf')).toBe('12\\. twaalf');
    expect(escapeMarkdown('Versie 2.0')).toBe('Versie 2.0');
    expect(escapeMarkdown('a\n\n  b\tc')).toBe('a b c');
    expect(escapeMarkdown('<x> & [y]')).toBe('\\<x\\> \\& \\[y\\]');
  });

  it('says so when there is no feedback yet, and can be in English', () => {
    const input = seeded();
    input.feedback = [];

    const nl = synthesisMarkdown(synthesise(input), 'Europe/Amsterdam');
    const en = synthesisMarkdown(synthesise(input), 'Europe/Amsterdam', 'en');

    expect(nl).toContain('Er is nog geen feedback gegeven.');
    expect(nl).toContain('- **Gemiddelde waardering:** – van 5');
    expect(en).toContain('No feedback has been given yet.');
    expect(en).toContain('### 1\\. How do we make an impact together?');
  });
});

import { describe, expect, it } from 'vitest';
import {
  ACCESS_NEEDS_QUESTION_ID,
  accessNeedsOf,
  HEARD_VIA_QUESTION_ID,
  questionsOf,
} from '../../shared/domain/default-questions';
import { classifyVisits, countReach, publishReach, type ReachRow, zeroTally } from '../../shared/domain/reach';
import { parseRegistrationAnswers } from '../../shared/domain/registration-answers';
import { countText, type PublishedCount, publishColumns, publishLine } from '../../shared/domain/small-cells';

/** What someone who knows the total and the visible cells can work out: the single hidden cell, if only one is hidden. */
function revealedBySubtraction(line: { cells: Record<string, PublishedCount>; total: PublishedCount }): number | null {
  const hidden = Object.values(line.cells).filter((c) => c.value === null);
  if (hidden.length !== 1 || line.total.value === null) return null;
  const visible = Object.values(line.cells).reduce((sum, c) => sum + (c.value ?? 0), 0);
  return line.total.value - visible;
}

describe('small-cell suppression', () => {
  it('shows counts of 5 and more, 0 as 0, and 1 to 4 as <5', () => {
    const line = publishLine({ a: 12, b: 0, c: 3, d: 7, e: 4 });
    expect(Object.fromEntries(Object.entries(line.cells).map(([k, v]) => [k, countText(v)]))).toEqual({
      a: '12',
      b: '0',
      c: '<5',
      d: '7',
      e: '<5',
    });
    expect(countText(line.total)).toBe('26');
  });

  it('withholds a second cell when only one is small, so total minus the visible cells reveals nothing (the differencing trap)', () => {
    // Without the complementary cell: 23 − 20 = 3 would give the small cell away.
    const line = publishLine({ resident: 3, teacher: 20 });
    expect(line.cells.resident).toEqual({ value: null, suppressed: 'small' });
    expect(line.cells.teacher).toEqual({ value: null, suppressed: 'complementary' });
    expect(line.total.value).toBe(23);
    expect(revealedBySubtraction(line)).toBeNull();
  });

  it('picks the smallest other non-zero cell as the complement, ties by key, the same way every time', () => {
    const counts = { a: 30, b: 2, c: 9, d: 9, e: 0 };
    const line = publishLine(counts);
    expect(line.cells.c.suppressed).toBe('complementary');
    expect(line.cells.d.value).toBe(9);
    expect(line.cells.e.value).toBe(0);
    expect(publishLine(counts)).toEqual(line);
  });

  it('withholds the total when no other cell could hide the small one', () => {
    // The given total counts people outside the cells too, so the sum is not the total.
    const line = publishLine({ a: 2, b: 0 }, 9);
    expect(line.cells.a.suppressed).toBe('small');
    expect(line.total.suppressed).toBe('complementary');
  });

  it('never leaves exactly one hidden cell beside a visible total, over many random lines', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 2000; i++) {
      const counts = Object.fromEntries(
        ['a', 'b', 'c', 'd', 'e'].slice(0, 1 + (next() % 5)).map((k) => [k, next() % 12]),
      );
      const line = publishLine(counts);
      expect(revealedBySubtraction(line)).toBeNull();
      for (const [k, c] of Object.entries(line.cells)) {
        const n = counts[k] ?? -1;
        if (c.value !== null) expect(c.value).toBe(n);
        if (n > 0 && n < 5) expect(c.suppressed).toBe('small');
      }
    }
  });

  it('protects every column of a group × stage table on its own', () => {
    const { rows, totals } = publishColumns(
      { a: { registered: 10, attended: 3 }, b: { registered: 12, attended: 9 } },
      ['registered', 'attended'],
    );
    expect(rows.a.registered.value).toBe(10);
    expect(rows.a.attended.suppressed).toBe('small');
    expect(rows.b.attended.suppressed).toBe('complementary');
    expect(totals.attended.value).toBe(12);
  });
});

const row = (over: Partial<ReachRow> & Pick<ReachRow, 'registrationId' | 'sessionId' | 'sessionDate'>): ReachRow => ({
  sessionStart: '19:00',
  createdAt: '2027-01-01T10:00:00Z',
  cancelled: false,
  role: 'resident',
  area: 'noord',
  channel: 'newsletter',
  emailHash: null,
  attended: false,
  gaveFeedback: false,
  ...over,
});

describe('first-timers against returning people', () => {
  const march = { sessionId: 'march', sessionDate: '2027-03-03' };
  const may = { sessionId: 'may', sessionDate: '2027-05-28' };

  it('counts someone first at their first session and returning after, on the address hash, whatever the registration order', () => {
    const visits = classifyVisits([
      row({ ...may, registrationId: 'r2', emailHash: 'h1', createdAt: '2027-01-01T09:00:00Z' }),
      row({ ...march, registrationId: 'r1', emailHash: 'h1', createdAt: '2027-02-01T09:00:00Z' }),
      row({ ...may, registrationId: 'r3', emailHash: 'h2' }),
    ]);
    expect(Object.fromEntries(visits)).toEqual({ r1: 'first', r2: 'returning', r3: 'first' });
  });

  it('does not count a cancelled registration as a visit', () => {
    const visits = classifyVisits([
      row({ ...march, registrationId: 'r1', emailHash: 'h1', cancelled: true }),
      row({ ...may, registrationId: 'r2', emailHash: 'h1' }),
    ]);
    expect(Object.fromEntries(visits)).toEqual({ r2: 'first' });
  });

  it('keeps the counts after erasure: an erased registration keeps its class, a later one stays returning', () => {
    // March's registration was erased (no hash); its class and the later one's were kept first.
    const visits = classifyVisits([
      row({ ...march, registrationId: 'r1', emailHash: null, visit: 'first' }),
      row({ ...may, registrationId: 'r2', emailHash: 'h1', visit: 'returning' }),
    ]);
    expect(Object.fromEntries(visits)).toEqual({ r1: 'first', r2: 'returning' });
    // Without kept classes the erased one is unknown, never a fresh first-timer by accident.
    expect(classifyVisits([row({ ...march, registrationId: 'r1' })]).get('r1')).toBe('unknown');
  });

  it('reports people as first-timers, and a session judged against the whole programme', () => {
    const people = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const rows = [
      ...people.map((h, i) => row({ ...march, registrationId: `m${i}`, emailHash: h })),
      ...people.slice(0, 6).map((h, i) => row({ ...may, registrationId: `y${i}`, emailHash: h })),
      ...['p', 'q', 'r', 's', 't'].map((h, i) => row({ ...may, registrationId: `n${i}`, emailHash: h })),
    ];
    const groups = { roles: ['resident'], areas: ['noord'], channels: ['newsletter'] };
    const mayOnly = publishReach(countReach(rows, (r) => r.sessionId === 'may', groups, []));
    expect(mayOnly.visits.cells.returning.value).toBe(6);
    expect(mayOnly.visits.cells.first.value).toBe(5);
    const whole = publishReach(countReach(rows, () => true, groups, []));
    expect(whole.people.value).toBe(12);
    expect(whole.registrations.value).toBe(18);
  });
});

describe('the funnel per group', () => {
  it('counts every registration as address-confirmed while confirmation is not recorded, and by the field once it is', () => {
    const rows = Array.from({ length: 6 }, (_, i) =>
      row({ registrationId: `r${i}`, sessionId: 's', sessionDate: '2027-03-03', attended: i < 5, gaveFeedback: i < 5 }),
    );
    const groups = { roles: ['resident'], areas: ['noord'], channels: [] };
    const before = countReach(rows, () => true, groups, []);
    expect(before.addressConfirmationUnknown).toBe(true);
    expect(before.byRole.resident).toEqual({ registered: 6, addressConfirmed: 6, attended: 5, gaveFeedback: 5 });
    const confirmed = rows.map((r, i) => ({ ...r, addressConfirmedAt: i < 5 ? '2027-01-02T00:00:00Z' : null }));
    const after = countReach(confirmed, () => true, groups, []);
    expect(after.addressConfirmationUnknown).toBe(false);
    expect(after.byRole.resident?.addressConfirmed).toBe(5);
  });

  it('adds up access needs asked and met over the sessions in scope, each count suppressed on its own', () => {
    const t1 = zeroTally();
    t1.asked['hearing-loop'] = 4;
    t1.met['hearing-loop'] = 4;
    const t2 = zeroTally();
    t2.asked['hearing-loop'] = 3;
    t2.asked.childcare = 2;
    const published = publishReach(countReach([], () => true, { roles: [], areas: [], channels: [] }, [t1, t2]));
    const loop = published.accessNeeds.find((a) => a.need === 'hearing-loop');
    expect(loop?.asked.value).toBe(7);
    expect(loop?.met.value).toBe(null);
    expect(loop?.met.suppressed).toBe('small');
    expect(published.accessNeeds.find((a) => a.need === 'childcare')?.asked.suppressed).toBe('small');
  });
});

describe('the default question set', () => {
  const programme = { inclusion: { accessNeeds: true, heardVia: true, accessSummaryDaysBefore: 3 } };

  it('is asked only when switched on, after the programme’s own questions, access needs marked sensitive', () => {
    expect(questionsOf({})).toEqual([]);
    const qs = questionsOf({
      ...programme,
      registrationQuestions: [
        { id: 'workshop', type: 'text', label: { nl: 'Werkgroep' }, required: false, sensitive: false, maxLength: 50 },
      ],
    });
    expect(qs.map((q) => [q.id, q.sensitive])).toEqual([
      ['workshop', false],
      [HEARD_VIA_QUESTION_ID, false],
      [ACCESS_NEEDS_QUESTION_ID, true],
      ['access-needs-other', true],
    ]);
  });

  it('validates the answers naming answers.<id>: known needs and channels only, all optional', () => {
    const qs = questionsOf(programme);
    expect(parseRegistrationAnswers(qs, {}).errors).toEqual([]);
    const bad = parseRegistrationAnswers(qs, {
      [ACCESS_NEEDS_QUESTION_ID]: ['lift'],
      [HEARD_VIA_QUESTION_ID]: 'radio',
    });
    expect(bad.errors.map((e) => e.field)).toEqual([
      `answers.${HEARD_VIA_QUESTION_ID}`,
      `answers.${ACCESS_NEEDS_QUESTION_ID}`,
    ]);
    const good = parseRegistrationAnswers(qs, {
      [ACCESS_NEEDS_QUESTION_ID]: ['quiet-space', 'step-free'],
      'access-needs-other': 'Een stoel met leuning',
    });
    expect(good.answers[ACCESS_NEEDS_QUESTION_ID]).toEqual(['step-free', 'quiet-space']);
    expect(accessNeedsOf(good.answers)).toEqual(['step-free', 'quiet-space', 'other']);
  });
});

import { describe, expect, it } from 'vitest';
import { demoProgramme, yearsToFuture } from '../../local/demo-programme';
import { ProgrammeFile } from '../../shared/domain/schemas';

describe('the demo programme (the 2020 seed, moved into the future)', () => {
  const today = new Date('2026-11-28T12:00:00Z');
  const p = demoProgramme(today);

  it('is a valid programme file', () => {
    expect(ProgrammeFile.safeParse(p).success).toBe(true);
  });

  it('has the seed’s eight sessions with their kinds, in order, moved by whole years', () => {
    expect(p.sessions.map((s) => [s.date, s.kind])).toEqual([
      ['2027-03-03', 'reflection'],
      ['2027-04-02', 'knowledge'],
      ['2027-04-23', 'practice'],
      ['2027-05-28', 'knowledge'],
      ['2027-06-25', 'reflection'],
      ['2027-09-17', 'practice'],
      ['2027-10-22', 'knowledge'],
      ['2027-11-26', 'feedback'],
    ]);
  });

  it('keeps 23 April’s time to be decided, 16:00–17:30 elsewhere, all provisional', () => {
    const tbd = p.sessions.filter((s) => s.startTime === null);
    expect(tbd.map((s) => s.date)).toEqual(['2027-04-23']);
    expect(
      p.sessions.filter((s) => s.startTime !== null).every((s) => s.startTime === '16:00' && s.endTime === '17:30'),
    ).toBe(true);
    expect(p.sessions.every((s) => s.provisional)).toBe(true);
  });

  it('asks the alderman’s five questions in Dutch and English', () => {
    expect(p.feedbackQuestions).toHaveLength(5);
    expect(p.feedbackQuestions.every((q) => q.text.nl.endsWith('?') && q.text.en?.endsWith('?'))).toBe(true);
  });

  it('always lies in the future, whatever today is', () => {
    expect(yearsToFuture(new Date('2020-01-01T00:00:00Z'))).toBe(0);
    expect(yearsToFuture(new Date('2020-03-03T12:00:00Z'))).toBe(1);
    for (const d of ['2026-11-28', '2027-03-02', '2027-03-03', '2031-12-31']) {
      const first = demoProgramme(new Date(`${d}T12:00:00Z`)).sessions[0]?.date ?? '';
      expect(first > d).toBe(true);
    }
  });
});

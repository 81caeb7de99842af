import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../shared/domain/csv-safety';
import { hasFormatCharacters } from '../../shared/domain/format-characters';
import { RegistrationRequest } from '../../shared/domain/schemas';
import { registrationsCsv } from '../../shared/http/registrations-csv';

const request = (fields: Record<string, unknown>) =>
  RegistrationRequest.safeParse({ name: 'Anna', email: 'anna@example.org', role: 'teacher', consent: true, ...fields });

describe('format characters in single-line fields', () => {
  it.each([
    ['name', 'Anna\u202Egpj.exe'],
    ['name', '\u200B=1+1'],
    ['name', 'An\u200Bna'],
    ['name', '\u2066Anna\u2069'],
    ['name', '\u00ADAnna'],
    ['organisation', 'Buurt\u202Eteam'],
    ['neighbourhood', '\u200BCentrum'],
  ])('refuses %s %j with a problem naming the field', (field, value) => {
    const result = request({ [field]: value });
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toMatch(/invisible format characters/);
  });

  it('keeps the joiners that writing needs: emoji sequences, Indic and Persian words', () => {
    for (const name of ['👩🏽‍🚀 Astrid', 'Zo\u200Dë', 'क्\u200Dष', 'می\u200Cخواهم', '🏳️‍🌈']) {
      expect(request({ name }).success, name).toBe(true);
    }
    expect(hasFormatCharacters('\u200DAnna')).toBe(true);
    expect(hasFormatCharacters('Anna \u200D')).toBe(true);
  });
});

describe('the CSV formula guard', () => {
  it('judges a cell after its invisible format characters and leading spaces, and writes it without them', () => {
    expect(neutraliseFormula('\u200B=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('\u202E\u200B@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula(' =HYPERLINK("x")')).toBe(`' =HYPERLINK("x")`);
    expect(neutraliseFormula('Anna\u200B')).toBe('Anna');
    expect(neutraliseFormula('06-123')).toBe('06-123');
  });

  it('exports a stored hostile name (from before the check) without a live formula', () => {
    const csv = registrationsCsv(
      [
        {
          id: 'r1',
          sessionId: 's1',
          status: 'confirmed',
          waitlistPosition: null,
          name: '\u200B=1+1',
          email: 'a@example.org',
          role: 'teacher',
          organisation: '\u202E=cmd|calc',
          neighbourhood: null,
          language: 'nl',
          createdAt: '2027-01-01T10:00:00.000Z',
          attendance: null,
        } as unknown as Parameters<typeof registrationsCsv>[0][number],
      ],
      'Europe/Amsterdam',
    );
    expect(csv).toContain('"\'=1+1"');
    expect(csv).toContain('"\'=cmd|calc"');
    expect(csv).not.toMatch(/[\u200B\u202E]/);
  });
});

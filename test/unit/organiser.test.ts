import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../shared/domain/csv-safety';
import { ValidationFailed } from '../../shared/domain/errors';
import type { Session } from '../../shared/domain/model';
import { applySessionPatch } from '../../shared/domain/session-changes';
import { organiserFrom, parseGroups } from '../../shared/http/organiser-auth';
import type { HttpEvent } from '../../shared/http/types';

const aSession = (overrides: Partial<Session> = {}): Session => ({
  id: 's1',
  programmeId: 'p1',
  kind: 'knowledge',
  title: { nl: 'Kennisbijeenkomst' },
  description: null,
  date: '2027-03-03',
  startTime: '16:00',
  endTime: '17:30',
  timeZone: 'Europe/Amsterdam',
  location: { name: 'Buurthuis' },
  capacity: 40,
  provisional: true,
  status: 'scheduled',
  registrationOpen: true,
  version: 3,
  confirmedCount: 5,
  waitlistCount: 0,
  offeredCount: 0,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
  ...overrides,
});

const eventWith = (claims: Record<string, unknown> | undefined): HttpEvent =>
  ({ requestContext: claims ? { authorizer: { jwt: { claims } } } : {} }) as unknown as HttpEvent;

describe('organiser group claim', () => {
  it('reads the flattened API Gateway form and real arrays', () => {
    expect(parseGroups('[organisers other]')).toEqual(['organisers', 'other']);
    expect(parseGroups('[organisers]')).toEqual(['organisers']);
    expect(parseGroups(['other', 'organisers'])).toEqual(['other', 'organisers']);
    expect(parseGroups('[]')).toEqual([]);
    expect(parseGroups(undefined)).toEqual([]);
  });

  it('matches the exact group name: look-alike names and other encodings are not the organisers group', () => {
    const forbidden = (groups: unknown) =>
      expect(() => organiserFrom(eventWith({ sub: 'a', 'cognito:groups': groups }))).toThrow(
        expect.objectContaining({ name: 'Forbidden' }),
      );
    // A group named `staff,organisers`, in both forms the claim takes.
    forbidden('[staff,organisers]');
    forbidden(['staff,organisers']);
    // A group named `"organisers"` (with the quotes): flattened it looks like a JSON array.
    forbidden('["organisers"]');
    forbidden(['"organisers"']);
    // Not a form the claim takes at all.
    forbidden('organisers');
    forbidden('organisers,staff');
    forbidden('[ORGANISERS]');
    forbidden(['organisers ']);
    expect(parseGroups('["organisers","other"]')).toEqual(['"organisers","other"']);
  });

  it('401 without claims, 403 outside the group, the organiser otherwise', () => {
    expect(() => organiserFrom(eventWith(undefined))).toThrow(expect.objectContaining({ name: 'Unauthorized' }));
    expect(() => organiserFrom(eventWith({ 'cognito:groups': '[organisers]' }))).toThrow(
      expect.objectContaining({ name: 'Unauthorized' }),
    );
    expect(() => organiserFrom(eventWith({ sub: 'a', 'cognito:groups': '[organisers-light]' }))).toThrow(
      expect.objectContaining({ name: 'Forbidden' }),
    );
    expect(organiserFrom(eventWith({ sub: 'a', email: 'o@example.org', 'cognito:groups': '[x organisers]' }))).toEqual({
      sub: 'a',
      email: 'o@example.org',
    });
  });
});

describe('applying a session patch', () => {
  it('bumps the version for what registrants must hear about, not for bookkeeping', () => {
    expect(applySessionPatch(aSession(), { date: '2027-03-10' })).toMatchObject({
      changed: ['date'],
      bumpsVersion: true,
    });
    expect(applySessionPatch(aSession(), { location: null }).bumpsVersion).toBe(true);
    expect(applySessionPatch(aSession(), { capacity: 50, provisional: false, registrationOpen: false })).toMatchObject({
      changed: ['capacity', 'provisional', 'registrationOpen'],
      bumpsVersion: false,
    });
  });

  it('does not count a value that is already there as a change', () => {
    const edit = applySessionPatch(aSession(), { location: { name: 'Buurthuis' }, startTime: '16:00' });
    expect(edit).toMatchObject({ changed: [], bumpsVersion: false });
  });

  it('checks the merged times, naming endTime', () => {
    const clearStartOnly = () => applySessionPatch(aSession(), { startTime: null });
    const endBeforeStart = () => applySessionPatch(aSession(), { endTime: '15:00' });
    for (const f of [clearStartOnly, endBeforeStart]) {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationFailed);
        expect((e as ValidationFailed).errors[0]?.field).toBe('endTime');
      }
    }
  });
});

describe('CSV formula injection', () => {
  it('prefixes cells a spreadsheet would run', () => {
    for (const v of ['=1+1', '+31 6', '-2', '@SUM(A1)', '\t=1', '\r=1']) expect(neutraliseFormula(v)).toBe(`'${v}`);
    for (const v of ['Jan', '', 'a=b', '06-123']) expect(neutraliseFormula(v)).toBe(v);
  });
});

import { describe, expect, it } from 'vitest';
import { ProgrammeFile, RegistrationRequest, SessionInput } from '../../shared/domain/schemas';
import { fieldErrors, requiredMessage } from '../../shared/http/body';

const valid = { name: 'Sanne Bakker', email: 'sanne@example.org', role: 'district-nurse', consent: true };
const errorsOf = (data: unknown) => {
  const r = RegistrationRequest.safeParse(data, { error: requiredMessage });
  return r.success ? [] : fieldErrors(r.error);
};

describe('registration request', () => {
  it('accepts a minimal JSON body and fills the defaults', () => {
    expect(RegistrationRequest.parse(valid)).toMatchObject({ language: 'nl', consent: true });
  });

  it.each([['on'], ['true'], [true]])('accepts consent %s from a checkbox or JSON', (consent) => {
    expect(RegistrationRequest.parse({ ...valid, consent }).consent).toBe(true);
  });

  it.each([[false], ['off'], ['']])('refuses consent %s', (consent) => {
    expect(errorsOf({ ...valid, consent })).toEqual([{ field: 'consent', message: 'must be given to register' }]);
  });

  it('names every missing field', () => {
    expect(errorsOf({}).map((e) => [e.field, e.message])).toEqual([
      ['name', 'is required'],
      ['email', 'is required'],
      ['role', 'is required'],
      ['consent', 'must be given to register'],
    ]);
  });

  it('trims text and treats empty optional fields as absent', () => {
    const r = RegistrationRequest.parse({ ...valid, name: '  Sanne  ', organisation: '', neighbourhood: ' Noord ' });
    expect(r).toMatchObject({ name: 'Sanne', organisation: undefined, neighbourhood: 'Noord' });
  });

  it.each([
    ['a lone surrogate', { name: 'bad \ud800 name' }, 'name'],
    ['a line break (header injection)', { name: 'Eve\r\nBcc: x@example.org' }, 'name'],
    ['an overlong name', { name: 'x'.repeat(201) }, 'name'],
    ['an overlong address', { email: `${'a'.repeat(250)}@example.org` }, 'email'],
    ['an address without domain', { email: 'sanne@' }, 'email'],
    ['an unknown role', { role: 'mayor' }, 'role'],
    ['an unknown language', { language: 'de' }, 'language'],
    ['a non-string name', { name: { first: 'x' } }, 'name'],
  ])('refuses %s, naming the field', (_what, patch, field) => {
    expect(errorsOf({ ...valid, ...patch }).map((e) => e.field)).toEqual([field]);
  });

  it('keeps unicode names and addresses intact', () => {
    expect(RegistrationRequest.parse({ ...valid, name: 'Zoë Öztürk-Đorđević 李' }).name).toBe('Zoë Öztürk-Đorđević 李');
  });
});

describe('session and programme input', () => {
  const base = { id: 'x', kind: 'knowledge', title: { nl: 'T' }, date: '2027-03-03' };

  it('defaults to time to be decided, no location, unlimited, provisional', () => {
    expect(SessionInput.parse(base)).toMatchObject({
      startTime: null,
      endTime: null,
      location: null,
      capacity: null,
      provisional: true,
    });
  });

  it('refuses an end before the start, or an end without a start', () => {
    expect(SessionInput.safeParse({ ...base, startTime: '17:00', endTime: '16:00' }).error?.issues[0]?.path).toEqual([
      'endTime',
    ]);
    expect(SessionInput.safeParse({ ...base, endTime: '16:00' }).error?.issues[0]?.path).toEqual(['endTime']);
  });

  it('refuses impossible dates and times', () => {
    expect(SessionInput.safeParse({ ...base, date: '2027-02-30' }).success).toBe(false);
    expect(SessionInput.safeParse({ ...base, startTime: '24:00' }).success).toBe(false);
  });

  it('refuses duplicate session ids and unknown time zones, naming the place', () => {
    const r = ProgrammeFile.safeParse({
      id: 'p',
      title: { nl: 'P' },
      timeZone: 'Mars/Olympus',
      sessions: [base, base],
    });
    const paths = r.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['timeZone']));
    const dup = ProgrammeFile.safeParse({ id: 'p', title: { nl: 'P' }, sessions: [base, base] });
    expect(dup.error?.issues.map((i) => i.path.join('.'))).toEqual(['sessions.1.id']);
  });
});

import type { ProgrammeFile, RegistrationRequest, SessionInput } from '../../shared/domain/schemas';

let counter = 0;
/** A unique, valid slug for ids in tests that share one DynamoDB Local. */
export const uniqueId = (prefix = 't') =>
  `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export const aSessionInput = (overrides: Partial<SessionInput> = {}): SessionInput => ({
  id: uniqueId('session'),
  kind: 'knowledge',
  title: { nl: 'Kennisbijeenkomst', en: 'Knowledge session' },
  description: { nl: 'Een gesprek over de wijk.' },
  date: '2099-04-02',
  startTime: '16:00',
  endTime: '17:30',
  location: null,
  capacity: 40,
  provisional: true,
  registrationOpen: true,
  ...overrides,
});

export const aProgrammeFile = (
  sessions: SessionInput[] = [aSessionInput()],
  overrides: Partial<ProgrammeFile> = {},
): ProgrammeFile => ({
  id: uniqueId('programme'),
  title: { nl: 'Jaarprogramma' },
  timeZone: 'Europe/Amsterdam',
  feedbackQuestions: [{ id: 'impact', text: { nl: 'Wat was de impact?' } }],
  // Tests not about address confirmation register and expect the confirmation at once;
  // address-confirmation.test.ts keeps the default (`required`).
  addressConfirmation: 'off',
  sessions,
  ...overrides,
});

export const aRegistrationRequest = (overrides: Partial<RegistrationRequest> = {}): RegistrationRequest => ({
  name: 'Fatima El Amrani',
  email: `${uniqueId('person')}@example.org`,
  role: 'community-worker',
  organisation: undefined,
  neighbourhood: undefined,
  area: undefined,
  areaOther: undefined,
  postcode: undefined,
  language: 'nl',
  consent: true,
  website: undefined,
  ...overrides,
});

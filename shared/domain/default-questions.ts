import type { InclusionSettings, RegistrationQuestion } from './registration-question-schemas';

/**
 * The default question set a programme can switch on (programme setting `inclusion`): access
 * needs, first-class, and "how did you hear about this?". Their ids are reserved, so the reach
 * report and the access-needs summary can find them in every programme that asks them.
 */

export const ACCESS_NEEDS_QUESTION_ID = 'access-needs';
export const ACCESS_NEEDS_OTHER_QUESTION_ID = 'access-needs-other';
export const HEARD_VIA_QUESTION_ID = 'heard-via';
export const RESERVED_QUESTION_IDS: readonly string[] = [
  ACCESS_NEEDS_QUESTION_ID,
  ACCESS_NEEDS_OTHER_QUESTION_ID,
  HEARD_VIA_QUESTION_ID,
];

export const accessNeeds = ['step-free', 'hearing-loop', 'sign-language', 'quiet-space', 'childcare', 'other'] as const;
export type AccessNeed = (typeof accessNeeds)[number];

export const ACCESS_NEED_LABELS: Record<AccessNeed, { nl: string; en: string }> = {
  'step-free': { nl: 'Drempelvrije toegang (rolstoel, rollator)', en: 'Step-free access (wheelchair, walker)' },
  'hearing-loop': { nl: 'Ringleiding', en: 'Hearing loop' },
  'sign-language': { nl: 'Tolk Nederlandse Gebarentaal', en: 'Sign-language interpreter' },
  'quiet-space': { nl: 'Een rustige ruimte', en: 'A quiet space' },
  childcare: { nl: 'Kinderopvang', en: 'Childcare' },
  other: { nl: 'Iets anders', en: 'Something else' },
};

export const heardViaChannels = [
  'colleague',
  'newsletter',
  'social-media',
  'municipality',
  'neighbourhood-flyer',
  'other',
] as const;
export type HeardVia = (typeof heardViaChannels)[number];

export const HEARD_VIA_LABELS: Record<HeardVia, { nl: string; en: string }> = {
  colleague: { nl: 'Uitnodiging van een collega', en: 'Invitation from a colleague' },
  newsletter: { nl: 'Nieuwsbrief', en: 'Newsletter' },
  'social-media': { nl: 'Sociale media', en: 'Social media' },
  municipality: { nl: 'De gemeente', en: 'The municipality' },
  'neighbourhood-flyer': { nl: 'Een flyer in de buurt', en: 'A flyer in the neighbourhood' },
  other: { nl: 'Anders', en: 'Other' },
};

export const ACCESS_NEEDS_QUESTIONS: readonly RegistrationQuestion[] = [
  {
    id: ACCESS_NEEDS_QUESTION_ID,
    type: 'multi',
    required: false,
    sensitive: true,
    label: { nl: 'Wat heb je nodig om mee te kunnen doen?', en: 'What do you need to take part?' },
    help: {
      nl: 'Alleen de organisatie ziet dit, om het te regelen. We wissen het een week na de bijeenkomst.',
      en: 'Only the organisers see this, to arrange it. We erase it a week after the session.',
    },
    options: accessNeeds.map((id) => ({ id, label: ACCESS_NEED_LABELS[id] })),
  },
  {
    id: ACCESS_NEEDS_OTHER_QUESTION_ID,
    type: 'text',
    required: false,
    sensitive: true,
    maxLength: 300,
    label: { nl: 'Iets anders, namelijk', en: 'Something else, namely' },
  },
];

export const HEARD_VIA_QUESTION: RegistrationQuestion = {
  id: HEARD_VIA_QUESTION_ID,
  type: 'choice',
  required: false,
  sensitive: false,
  label: { nl: 'Hoe heb je over deze bijeenkomst gehoord?', en: 'How did you hear about this?' },
  options: heardViaChannels.map((id) => ({ id, label: HEARD_VIA_LABELS[id] })),
};

/**
 * Every question a programme's forms ask: its own, then the default set it switched on (access
 * needs last, just before the consent). The one place that list is made.
 */
export function questionsOf(
  p: { registrationQuestions?: RegistrationQuestion[]; inclusion?: InclusionSettings } | null | undefined,
): RegistrationQuestion[] {
  const own = (p?.registrationQuestions ?? []).filter((q) => !RESERVED_QUESTION_IDS.includes(q.id));
  return [
    ...own,
    ...(p?.inclusion?.heardVia ? [HEARD_VIA_QUESTION] : []),
    ...(p?.inclusion?.accessNeeds ? ACCESS_NEEDS_QUESTIONS : []),
  ];
}

/** The sensitive questions among them: erased at the session's end + 7 days. */
export const sensitiveQuestionsOf = (p: Parameters<typeof questionsOf>[0]): RegistrationQuestion[] =>
  questionsOf(p).filter((q) => q.sensitive);

/** Days after a session's end its sensitive answers are erased (earlier than the rest of the registration). */
export const SENSITIVE_RETENTION_DAYS = 7;

/** The access needs one registration asked for ('other' also when only its free text was given). */
export function accessNeedsOf(answers: Record<string, unknown> | undefined): AccessNeed[] {
  const picked = answers?.[ACCESS_NEEDS_QUESTION_ID];
  const list = Array.isArray(picked) ? picked : [];
  const needs = accessNeeds.filter((n) => list.includes(n));
  const otherText = answers?.[ACCESS_NEEDS_OTHER_QUESTION_ID];
  if (typeof otherText === 'string' && otherText.trim() !== '' && !needs.includes('other')) needs.push('other');
  return needs;
}

/** The moment a session's sensitive answers are due for erasure: its end (or its day's end) + 7 days. */
export function sensitiveAnswersExpireAt(end: Date): Date {
  return new Date(end.getTime() + SENSITIVE_RETENTION_DAYS * 24 * 60 * 60 * 1000);
}

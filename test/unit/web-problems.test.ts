import { describe, expect, it } from 'vitest';
import {
  buildFeedbackPayload,
  DEFAULT_LIMITS,
  describeFeedbackFailure,
  refusalText,
  validateFeedback,
  valuesFromFeedback,
} from '../../web/src/feedback/contract';
import { describeRegistrationProblem, problemSlug } from '../../web/src/problems';
import { validateRegistration } from '../../web/src/validate';

describe('problemSlug', () => {
  it('takes the last segment of the problem type', () => {
    expect(problemSlug({ type: '/problems/already-registered' })).toBe('already-registered');
    expect(problemSlug({ type: 'https://api.example.org/problems/rate-limited/' })).toBe('rate-limited');
    expect(problemSlug({ type: 'about:blank' })).toBeNull();
    expect(problemSlug(null)).toBeNull();
  });
});

describe('describeRegistrationProblem', () => {
  it('puts validation errors next to their fields, in the reader’s language, once per field', () => {
    const problem = {
      type: '/problems/validation-error',
      status: 400,
      errors: [
        { field: 'email', message: 'must be a valid email address' },
        { field: 'email', message: 'must be at most 254 characters' },
        { field: 'consent', message: 'must be given to register' },
      ],
    };
    expect(describeRegistrationProblem(400, problem, 'nl')).toEqual({
      fieldErrors: [
        { field: 'email', message: 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.' },
        { field: 'consent', message: 'Geef toestemming om u aan te kunnen melden.' },
      ],
      general: null,
    });
    expect(describeRegistrationProblem(400, problem, 'en').fieldErrors[0]?.message).toBe(
      'Enter a valid email address, like name@example.com.',
    );
  });

  it('tells a missing name from a name that is too long', () => {
    const long = describeRegistrationProblem(
      400,
      { errors: [{ field: 'name', message: 'must be at most 200 characters' }] },
      'en',
    );
    const missing = describeRegistrationProblem(400, { errors: [{ field: 'name', message: 'is required' }] }, 'en');
    expect(long.fieldErrors[0]?.message).toBe('Your name must be 200 characters or fewer.');
    expect(missing.fieldErrors[0]?.message).toBe('Enter your name.');
  });

  it('keeps errors on fields the form does not have in the general message', () => {
    const r = describeRegistrationProblem(400, { errors: [{ field: 'website', message: 'too long' }] }, 'en');
    expect(r).toEqual({ fieldErrors: [], general: 'website: too long' });
  });

  it('maps conflicts, rate limits and unknown sessions to a general message', () => {
    expect(describeRegistrationProblem(409, { type: '/problems/already-registered' }, 'nl').general).toMatch(
      /al aangemeld/,
    );
    expect(describeRegistrationProblem(409, { type: '/problems/registration-closed' }, 'en').general).toBe(
      'Registration for this meeting is closed.',
    );
    expect(describeRegistrationProblem(409, { type: '/problems/session-cancelled' }, 'en').general).toMatch(
      /cancelled/,
    );
    expect(describeRegistrationProblem(429, null, 'en').general).toBe(
      'Too many attempts. Wait a minute and try again.',
    );
    expect(describeRegistrationProblem(404, null, 'nl').general).toBe('Deze bijeenkomst bestaat niet (meer).');
    expect(describeRegistrationProblem(500, null, 'en')).toEqual({
      fieldErrors: [],
      general: 'Something went wrong. Please try again later.',
    });
  });
});

describe('validateRegistration', () => {
  const valid = { name: 'Fatima', email: 'fatima@example.org', role: 'teacher', consent: true };

  it('accepts a complete form', () => {
    expect(validateRegistration(valid, 'nl')).toEqual([]);
  });

  it('names every missing required field, in form order', () => {
    expect(validateRegistration({}, 'en').map((e) => e.field)).toEqual(['name', 'email', 'role', 'consent']);
  });

  it('refuses what the API would refuse: long names, bad addresses, control characters', () => {
    expect(validateRegistration({ ...valid, name: 'x'.repeat(201) }, 'en')[0]?.field).toBe('name');
    expect(validateRegistration({ ...valid, email: 'fatima@' }, 'en')[0]?.field).toBe('email');
    expect(validateRegistration({ ...valid, organisation: 'a\nb' }, 'en')[0]?.field).toBe('organisation');
  });
});

describe('feedback contract', () => {
  const questions = [
    { id: 'impact', text: { nl: 'Impact?' } },
    { id: 'hinders', text: { nl: 'Wat hindert?' } },
  ];

  it('sends the rating as a number and only answered questions', () => {
    expect(
      buildFeedbackPayload(
        { rating: '4', answers: { impact: '  Luisteren ', hinders: '   ' }, comment: '' },
        questions,
      ),
    ).toEqual({ rating: 4, answers: { impact: 'Luisteren' } });
    expect(buildFeedbackPayload({ rating: '1', answers: {}, comment: 'Fijn' }, questions)).toEqual({
      rating: 1,
      answers: {},
      comment: 'Fijn',
    });
  });

  it('requires a rating from 1 to 5 and keeps answers within the API’s limits', () => {
    const check = (v: { rating: string; answers?: Record<string, string>; comment?: string }) =>
      validateFeedback({ answers: {}, comment: '', ...v }, 'nl', DEFAULT_LIMITS).fieldErrors.map((e) => e.field);
    expect(check({ rating: '' })).toEqual(['rating']);
    expect(check({ rating: '6' })).toEqual(['rating']);
    expect(check({ rating: '5' })).toEqual([]);
    expect(check({ rating: '5', answers: { impact: 'a'.repeat(2000) }, comment: 'b'.repeat(4000) })).toEqual([]);
    expect(check({ rating: '5', answers: { impact: 'a'.repeat(2001) }, comment: 'b'.repeat(4001) })).toEqual([
      'answers.impact',
      'comment',
    ]);
  });

  it('prefills the form from an earlier submission', () => {
    expect(
      valuesFromFeedback({
        rating: 3,
        answers: { impact: 'Samen' },
        comment: null,
        submittedAt: '2099-03-03T17:00:00Z',
        updatedAt: '2099-03-03T17:00:00Z',
      }),
    ).toEqual({ rating: '3', answers: { impact: 'Samen' }, comment: '' });
    expect(valuesFromFeedback(null)).toEqual({ rating: '', answers: {}, comment: '' });
  });

  it('tells refusals (409) apart by slug, and an unknown 409 as such', () => {
    expect(describeFeedbackFailure(409, { type: '/problems/feedback-closed' }, 'en')).toEqual({
      kind: 'refused',
      slug: 'feedback-closed',
    });
    expect(describeFeedbackFailure(409, { type: '/problems/marked-absent' }, 'nl')).toEqual({
      kind: 'refused',
      slug: 'marked-absent',
    });
    expect(describeFeedbackFailure(409, null, 'en')).toEqual({ kind: 'refused', slug: null });
    expect(describeFeedbackFailure(404, null, 'en')).toEqual({ kind: 'unknown' });
  });

  it('explains each refusal in both languages, with the window’s dates in the session’s zone', () => {
    const window = {
      opensAt: '2099-03-03T17:30:00+01:00',
      closesAt: '2099-03-31T17:30:00+02:00',
      state: 'closed' as const,
    };
    const zone = 'Europe/Amsterdam';
    expect(refusalText('feedback-not-open', window, zone, 'nl')).toBe(
      'Terugkoppeling geven kan vanaf 3 maart 2099 om 17:30, na afloop van de bijeenkomst.',
    );
    expect(refusalText('feedback-closed', window, zone, 'en')).toBe(
      'The period for feedback on this meeting ended on 31 March 2099 at 17:30.',
    );
    const slugs = [
      'session-cancelled',
      'registration-cancelled',
      'registration-not-confirmed',
      'marked-absent',
    ] as const;
    for (const slug of slugs) {
      const nl = refusalText(slug, window, zone, 'nl');
      const en = refusalText(slug, window, zone, 'en');
      expect(nl).not.toBe(en);
      expect(nl.length).toBeGreaterThan(20);
    }
    expect(refusalText('marked-absent', window, zone, 'en')).toContain('not at this meeting');
    expect(refusalText('registration-not-confirmed', window, zone, 'nl')).toContain('wachtlijst');
  });

  it('maps field errors from the API to rating, answers and comment', () => {
    const r = describeFeedbackFailure(
      400,
      {
        errors: [
          { field: 'rating', message: 'x' },
          { field: 'answers.impact', message: 'too long' },
        ],
      },
      'en',
    );
    expect(r.kind === 'problem' && r.problem.fieldErrors.map((e) => e.field)).toEqual(['rating', 'answers.impact']);
    expect(r.kind === 'problem' && r.problem.general).toBeNull();
  });
});

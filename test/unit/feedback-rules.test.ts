import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEEDBACK_WINDOW_DAYS,
  FEEDBACK_LIMITS,
  type FeedbackWindow,
  feedbackRefusal,
  feedbackSubmissionSchema,
  feedbackWindow,
  feedbackWindowDays,
  foldFormAnswers,
  windowState,
} from '../../shared/domain/feedback';
import type { FeedbackQuestion } from '../../shared/domain/schemas';
import { fieldErrors } from '../../shared/http/body';
import { aProgramme, aRegistration, aSession, aSessionWithoutTime } from '../support/builders';

const at = (iso: string) => new Date(iso);
const questions: FeedbackQuestion[] = [
  { id: 'impact', text: { nl: 'Hoe maken we samen impact?' } },
  { id: 'hinders', text: { nl: 'Wat belemmert professionals?' } },
  { id: 'helps', text: { nl: 'Wat helpt professionals?' } },
];

describe('the feedback window', () => {
  it('opens at the session end and closes 28 local calendar days later, across the spring DST change', () => {
    // Wednesday 3 March 2027 16:00–17:30 Amsterdam; summer time starts on Sunday 28 March 2027.
    const w = feedbackWindow(aSession(), DEFAULT_FEEDBACK_WINDOW_DAYS);

    expect(w).toEqual({ opensAt: '2027-03-03T17:30:00+01:00', closesAt: '2027-03-31T17:30:00+02:00' });
    // 28 days minus the hour the clocks went forward.
    expect(Date.parse(w.closesAt) - Date.parse(w.opensAt)).toBe((28 * 24 - 1) * 3600_000);
  });

  it('keeps the local time across the autumn DST change too', () => {
    // Winter time starts on Sunday 31 October 2027.
    const w = feedbackWindow(aSession({ date: '2027-10-20' }), 28);

    expect(w).toEqual({ opensAt: '2027-10-20T17:30:00+02:00', closesAt: '2027-11-17T17:30:00+01:00' });
  });

  it('opens at the end of the day for a session whose time is still to be decided', () => {
    const w = feedbackWindow(aSessionWithoutTime(), 28);

    expect(w).toEqual({ opensAt: '2027-04-24T00:00:00+02:00', closesAt: '2027-05-22T00:00:00+02:00' });
  });

  it('opens at the end of the day when a session has a start time but no end time', () => {
    const w = feedbackWindow(aSession({ endTime: null }), 7);

    expect(w).toEqual({ opensAt: '2027-03-04T00:00:00+01:00', closesAt: '2027-03-11T00:00:00+01:00' });
  });

  it('takes the window length from the programme, 28 days when it says nothing', () => {
    expect(feedbackWindowDays(aProgramme())).toBe(28);
    expect(feedbackWindowDays(aProgramme({ feedbackWindowDays: 14 }))).toBe(14);
    expect(feedbackWindowDays(null)).toBe(28);
    expect(feedbackWindow(aSession(), 14).closesAt).toBe('2027-03-17T17:30:00+01:00');
  });

  it('is open from the end instant (inclusive) until the closing instant (exclusive)', () => {
    const w = feedbackWindow(aSession(), 28);

    expect(windowState(w, at('2027-03-03T16:29:59.999Z'))).toBe('not-open');
    expect(windowState(w, at('2027-03-03T16:30:00.000Z'))).toBe('open');
    expect(windowState(w, at('2027-03-31T15:29:59.999Z'))).toBe('open');
    expect(windowState(w, at('2027-03-31T15:30:00.000Z'))).toBe('closed');
  });
});

describe('who may give feedback', () => {
  const window: FeedbackWindow = { opensAt: '2027-03-03T17:30:00+01:00', closesAt: '2027-03-31T17:30:00+02:00' };
  const during = at('2027-03-10T12:00:00Z');
  const refusal = (over: Partial<Parameters<typeof feedbackRefusal>[0]>) =>
    feedbackRefusal({
      session: aSession(),
      registration: aRegistration(),
      attendance: null,
      window,
      now: during,
      ...over,
    });

  it('accepts a confirmed registrant while the window is open, with or without attendance recorded', () => {
    expect(refusal({})).toBeNull();
    expect(refusal({ attendance: { present: true } })).toBeNull();
  });

  it('refuses before the end and after the close', () => {
    expect(refusal({ now: at('2027-03-03T16:00:00Z') })).toBe('feedback-not-open');
    expect(refusal({ now: at('2027-04-01T00:00:00Z') })).toBe('feedback-closed');
  });

  it('refuses cancelled, never confirmed and absent registrants, and cancelled sessions', () => {
    expect(refusal({ registration: aRegistration({ status: 'cancelled' }) })).toBe('registration-cancelled');
    expect(refusal({ registration: aRegistration({ status: 'waitlisted' }) })).toBe('registration-not-confirmed');
    expect(refusal({ attendance: { present: false } })).toBe('marked-absent');
    expect(refusal({ session: aSession({ status: 'cancelled' }) })).toBe('session-cancelled');
  });

  it('tells a waitlisted person "not open" before the session ends, since they may still get a seat', () => {
    const waitlisted = aRegistration({ status: 'waitlisted' });
    expect(refusal({ registration: waitlisted, now: at('2027-03-01T00:00:00Z') })).toBe('feedback-not-open');
    expect(refusal({ registration: waitlisted, now: at('2027-04-10T00:00:00Z') })).toBe('registration-not-confirmed');
  });
});

describe('the submission schema built from the programme questions', () => {
  const schema = feedbackSubmissionSchema(questions);
  const errorsOf = (input: unknown) => {
    const r = schema.safeParse(input);
    expect(r.success).toBe(false);
    return r.success ? [] : fieldErrors(r.error);
  };

  it('accepts a rating, answers by question id and a comment; keeps answers in question order', () => {
    const r = schema.parse({
      rating: 4,
      answers: { helps: ' Tijd en ruimte ', impact: 'Samen optrekken' },
      comment: 'Dank!',
    });

    expect(r).toEqual({ rating: 4, answers: { impact: 'Samen optrekken', helps: 'Tijd en ruimte' }, comment: 'Dank!' });
    expect(Object.keys(r.answers)).toEqual(['impact', 'helps']);
  });

  it('leaves out unanswered questions and treats an empty comment as none', () => {
    expect(schema.parse({ rating: 3, answers: { impact: '   ', hinders: '' }, comment: '' })).toEqual({
      rating: 3,
      answers: {},
      comment: null,
    });
    expect(schema.parse({ rating: 5 })).toEqual({ rating: 5, answers: {}, comment: null });
  });

  it('names the field of an unknown question id, an over-long answer and an out-of-range rating', () => {
    const errors = errorsOf({
      rating: 6,
      answers: { impact: 'x'.repeat(FEEDBACK_LIMITS.answer + 1), bogus: 'hallo' },
      comment: 'y'.repeat(FEEDBACK_LIMITS.comment + 1),
    });

    expect(errors).toEqual([
      { field: 'rating', message: 'must be a whole number from 1 to 5' },
      { field: 'answers.impact', message: `must be at most ${FEEDBACK_LIMITS.answer} characters` },
      { field: 'answers.bogus', message: 'is not a question of this programme' },
      { field: 'comment', message: `must be at most ${FEEDBACK_LIMITS.comment} characters` },
    ]);
  });

  it.each([0, 6, 4.5, -1, '0', 'vijf', '', null, true])('refuses rating %j', (rating) => {
    expect(errorsOf({ rating })).toEqual([{ field: 'rating', message: 'must be a whole number from 1 to 5' }]);
  });

  it('requires a rating', () => {
    expect(errorsOf({})).toEqual([{ field: 'rating', message: 'is required' }]);
  });

  it('accepts exactly the length limit, counted after trimming', () => {
    const longest = 'a'.repeat(FEEDBACK_LIMITS.answer);
    expect(schema.parse({ rating: 1, answers: { impact: `  ${longest}\n` } }).answers.impact).toBe(longest);
  });

  it('refuses malformed unicode and control characters, normalises line ends and to NFC', () => {
    expect(errorsOf({ rating: 2, answers: { impact: 'half \ud800 surrogate' } })).toEqual([
      { field: 'answers.impact', message: 'contains malformed unicode' },
    ]);
    expect(errorsOf({ rating: 2, comment: 'bell \u0007' })).toEqual([
      { field: 'comment', message: 'must not contain control characters' },
    ]);
    const r = schema.parse({ rating: 2, answers: { impact: 'een\r\ntwee\rdrie\tvier' }, comment: 'Cafe\u0301' });
    expect(r.answers.impact).toBe('een\ntwee\ndrie\tvier');
    expect(r.comment).toBe('Café');
  });

  it('refuses answers that are not an object or not text', () => {
    expect(errorsOf({ rating: 2, answers: ['a'] })).toEqual([
      { field: 'answers', message: 'must be an object of answers by question id' },
    ]);
    expect(errorsOf({ rating: 2, answers: { impact: 42 } })).toEqual([
      { field: 'answers.impact', message: 'must be text' },
    ]);
  });

  it('reads an HTML form: answers[<id>] or answers.<id> fields and a rating as text', () => {
    const form = Object.fromEntries(
      new URLSearchParams('rating=4&answers%5Bimpact%5D=Samen&answers.helps=Tijd&comment=&submit=Verstuur'),
    );

    expect(foldFormAnswers(form)).toEqual({
      rating: '4',
      comment: '',
      submit: 'Verstuur',
      answers: { impact: 'Samen', helps: 'Tijd' },
    });
    expect(schema.parse(form)).toEqual({ rating: 4, answers: { impact: 'Samen', helps: 'Tijd' }, comment: null });
    expect(errorsOf({ rating: '5', 'answers[nope]': 'x' })).toEqual([
      { field: 'answers.nope', message: 'is not a question of this programme' },
    ]);
  });

  it('refuses every answer when the programme has no questions', () => {
    const none = feedbackSubmissionSchema([]);
    expect(none.safeParse({ rating: 3, answers: { impact: 'x' } }).success).toBe(false);
    expect(none.parse({ rating: 3 })).toEqual({ rating: 3, answers: {}, comment: null });
  });
});

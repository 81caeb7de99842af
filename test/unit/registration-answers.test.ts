import { describe, expect, it } from 'vitest';
import { answersFor, answerText, parseRegistrationAnswers } from '../../shared/domain/registration-answers';
import { type RegistrationQuestion, RegistrationQuestions } from '../../shared/domain/schemas';

const questions: RegistrationQuestion[] = RegistrationQuestions.parse([
  { id: 'diet', type: 'text', label: { nl: 'Dieetwensen', en: 'Dietary needs' }, maxLength: 20 },
  {
    id: 'workshop',
    type: 'choice',
    required: true,
    label: { nl: 'Werkgroep', en: 'Workshop' },
    options: [
      { id: 'a', label: { nl: 'Groep A' } },
      { id: 'b', label: { nl: 'Groep B' } },
    ],
  },
  {
    id: 'access',
    type: 'multi',
    sensitive: true,
    label: { nl: 'Toegankelijkheid' },
    options: [
      { id: 'hearing-loop', label: { nl: 'Ringleiding' } },
      { id: 'step-free', label: { nl: 'Drempelvrij' } },
    ],
  },
  { id: 'photos', type: 'boolean', required: true, label: { nl: 'Ik vind foto’s goed' } },
]);

describe('registration questions as programme settings', () => {
  it('defaults to optional and not sensitive', () => {
    expect(questions[0]).toMatchObject({ required: false, sensitive: false });
  });

  it('refuses a question id or option id used twice, naming the place', () => {
    const twice = RegistrationQuestions.safeParse([
      { id: 'x', type: 'boolean', label: { nl: 'X' } },
      {
        id: 'x',
        type: 'choice',
        label: { nl: 'Y' },
        options: [
          { id: 'o', label: { nl: 'O' } },
          { id: 'o', label: { nl: 'P' } },
        ],
      },
    ]);
    expect(twice.success).toBe(false);
    const paths = twice.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['1.id', '1.options.1.id']));
  });

  it('refuses an unknown type', () => {
    expect(RegistrationQuestions.safeParse([{ id: 'x', type: 'scale', label: { nl: 'X' } }]).success).toBe(false);
  });
});

describe('parseRegistrationAnswers', () => {
  it('keeps valid answers in question order and leaves empty ones out', () => {
    const { answers, errors } = parseRegistrationAnswers(questions, {
      photos: 'on',
      access: ['step-free', 'hearing-loop', 'step-free'],
      workshop: 'b',
      diet: '  ',
    });
    expect(errors).toEqual([]);
    expect(Object.keys(answers)).toEqual(['workshop', 'access', 'photos']);
    expect(answers).toEqual({ workshop: 'b', access: ['hearing-loop', 'step-free'], photos: true });
  });

  it('names every wrong answer as answers.<questionId>', () => {
    const { errors } = parseRegistrationAnswers(questions, {
      diet: 'x'.repeat(21),
      workshop: 'c',
      access: ['wheelchair'],
      photos: 'maybe',
      shoeSize: '44',
    });
    expect(errors.map((e) => e.field).sort()).toEqual([
      'answers.access',
      'answers.diet',
      'answers.photos',
      'answers.shoeSize',
      'answers.workshop',
    ]);
    expect(errors.find((e) => e.field === 'answers.workshop')?.message).toBe('must be one of: a, b');
    expect(errors.find((e) => e.field === 'answers.shoeSize')?.message).toBe('is not a question of this programme');
  });

  it('requires required questions; a required yes/no must be ticked', () => {
    const { errors } = parseRegistrationAnswers(questions, { photos: false });
    expect(errors).toEqual([
      { field: 'answers.workshop', message: 'is required' },
      { field: 'answers.photos', message: 'is required' },
    ]);
    expect(parseRegistrationAnswers(questions, undefined).errors).toHaveLength(2);
  });

  it('refuses a multi-line or control-character text answer', () => {
    const { errors } = parseRegistrationAnswers(questions, { workshop: 'a', photos: true, diet: 'a\nb' });
    expect(errors.map((e) => e.field)).toEqual(['answers.diet']);
  });

  it('asks nothing of a programme without questions, and refuses answers to it', () => {
    expect(parseRegistrationAnswers([], undefined)).toEqual({ answers: {}, errors: [] });
    expect(parseRegistrationAnswers([], { x: 'y' }).errors).toEqual([
      { field: 'answers.x', message: 'is not a question of this programme' },
    ]);
  });
});

describe('answers in exports', () => {
  const answers = { workshop: 'a', access: ['hearing-loop'], photos: true };

  it('leaves sensitive answers out unless asked for', () => {
    expect(answersFor(questions, answers, false)).toEqual({ workshop: 'a', photos: true });
    expect(answersFor(questions, answers, true)).toEqual(answers);
  });

  it('writes answers as Dutch text', () => {
    const [, workshop, access, photos] = questions as [
      RegistrationQuestion,
      RegistrationQuestion,
      RegistrationQuestion,
      RegistrationQuestion,
    ];
    expect(answerText(workshop, 'a')).toBe('Groep A');
    expect(answerText(access, ['hearing-loop', 'step-free'])).toBe('Ringleiding, Drempelvrij');
    expect(answerText(photos, true)).toBe('ja');
    expect(answerText(photos, undefined)).toBe('');
  });
});

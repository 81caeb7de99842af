import { describe, expect, it } from 'vitest';
import { RegistrationQuestions } from '../../shared/domain/schemas';
import { describeRegistrationProblem } from '../../web/src/problems';
import { registrationFormHtml } from '../../web/src/views/register-form';
import { answersPayload, validateAnswers } from '../../web/src/views/register-questions';

const questions = RegistrationQuestions.parse([
  {
    id: 'workshop',
    type: 'choice',
    required: true,
    label: { nl: 'Werkgroep', en: 'Workshop' },
    options: [
      { id: 'a', label: { nl: 'Groep A', en: 'Group A' } },
      { id: 'b', label: { nl: 'Groep B' } },
    ],
  },
  { id: 'diet', type: 'text', maxLength: 10, label: { nl: 'Dieet', en: 'Diet' } },
]);

describe('registration questions on the form', () => {
  it('places the API’s answers.<id> errors at their question, in the page’s language', () => {
    const problem = describeRegistrationProblem(
      400,
      { errors: [{ field: 'answers.workshop', message: 'must be one of: a, b' }] },
      'en',
      questions,
    );
    expect(problem).toEqual({
      fieldErrors: [{ field: 'answers.workshop', message: 'Choose one of the options.' }],
      general: null,
    });
  });

  it('shows an error for a question the form does not know as a general message', () => {
    const problem = describeRegistrationProblem(400, { errors: [{ field: 'answers.gone', message: 'x' }] }, 'nl', []);
    expect(problem.fieldErrors).toEqual([]);
    expect(problem.general).toContain('answers');
  });

  it('checks required and too long answers before sending, and sends only given ones', () => {
    expect(validateAnswers(questions, { workshop: '', diet: 'x'.repeat(11) }, 'nl')).toEqual([
      { field: 'answers.workshop', message: 'Kies een van de mogelijkheden.' },
      { field: 'answers.diet', message: 'Vul maximaal 10 tekens op één regel in.' },
    ]);
    expect(answersPayload(questions, { workshop: 'b', diet: ' ' })).toEqual({ workshop: 'b' });
  });

  it('renders a choice as a fieldset with legend, marks the Dutch fallback, links the summary to the first option', () => {
    const markup = registrationFormHtml({
      lang: 'en',
      action: '/x',
      privacyUrl: null,
      headingLevel: 2,
      questions,
      fieldErrors: [{ field: 'answers.workshop', message: 'Choose one of the options.' }],
    }).value;
    expect(markup).toMatch(
      /<fieldset class="sg-field sg-field--error sg-fieldset" aria-describedby="sg-q-workshop-error">/,
    );
    expect(markup).toContain('<legend class="sg-label">Workshop <span class="sg-req">(required)</span></legend>');
    expect(markup).toContain('<span lang="nl">Groep B</span>');
    expect(markup).toContain('href="#sg-q-workshop--a"');
    expect(markup).toContain('name="answers.diet" type="text" maxlength="10"');
  });
});

import type { Lang } from '../../types';

// The programme's own registration questions: their errors (labels and options come from the API).

const nl = {
  errAnswerRequired: 'Beantwoord deze vraag.',
  errAnswerChoose: 'Kies een van de mogelijkheden.',
  errAnswerTick: 'Vink dit aan om u aan te melden.',
  errAnswerText: (max: number) => `Vul maximaal ${max} tekens op één regel in.`,
  noScriptNotKept: 'Wat u had ingevuld is niet bewaard, om uw gegevens te beschermen. Vul het formulier opnieuw in.',
};

export const questionsMessages: Record<Lang, typeof nl> = {
  nl,
  en: {
    errAnswerRequired: 'Answer this question.',
    errAnswerChoose: 'Choose one of the options.',
    errAnswerTick: 'Tick this to register.',
    errAnswerText: (max: number) => `Enter at most ${max} characters on one line.`,
    noScriptNotKept: 'What you typed was not kept, to protect your data. Please fill in the form again.',
  },
};

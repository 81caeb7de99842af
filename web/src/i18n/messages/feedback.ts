import type { Lang } from '../../types';

// The feedback form after a session, and each reason the API can give for refusing it.

const nl = {
  feedbackTitle: 'Uw terugkoppeling',
  feedbackIntro:
    'Vertel ons hoe u de bijeenkomst vond. Uw antwoorden helpen bij de terugkoppeling aan het eind van het jaar.',
  rating: 'Hoe waardeert u de bijeenkomst?',
  ratingValue: (n: number) =>
    ['', '1 – slecht', '2 – matig', '3 – redelijk', '4 – goed', '5 – uitstekend'][n] ?? String(n),
  comment: 'Overige opmerkingen',
  submitFeedback: 'Verstuur terugkoppeling',
  errRating: 'Kies een waardering van 1 tot 5.',
  errAnswer: 'Dit antwoord is te lang of bevat ongeldige tekens.',
  feedbackThanks: 'Dank u wel voor uw terugkoppeling.',
  feedbackNotOpen: 'Terugkoppeling geven kan pas na afloop van de bijeenkomst.',
  feedbackClosed: 'De periode voor terugkoppeling op deze bijeenkomst is voorbij.',
  feedbackUnavailable: 'Terugkoppeling geven is op dit moment niet mogelijk.',
  feedbackWindowOpen: (closes: string) => `U kunt terugkoppeling geven tot en met ${closes}.`,
  feedbackEarlier: (when: string, closes: string) =>
    `U hebt op ${when} terugkoppeling gegeven. Hieronder staan uw antwoorden; u kunt ze wijzigen tot ${closes}.`,
  feedbackSaved: (closes: string) => `Uw terugkoppeling is opgeslagen. U kunt haar wijzigen tot ${closes}.`,
  feedbackUpdated: (closes: string) => `Uw wijzigingen zijn opgeslagen. U kunt ze nog aanpassen tot ${closes}.`,
  saveChanges: 'Wijzigingen opslaan',
  feedbackOpensAt: (opens: string) => `Terugkoppeling geven kan vanaf ${opens}, na afloop van de bijeenkomst.`,
  feedbackClosedAt: (closes: string) => `De periode voor terugkoppeling op deze bijeenkomst is op ${closes} geëindigd.`,
  feedbackRegistrationCancelled: 'Deze aanmelding is afgemeld, daarom kunt u geen terugkoppeling geven.',
  feedbackNotConfirmed:
    'Alleen deelnemers met een plaats kunnen terugkoppeling geven. U stond op de wachtlijst en hebt geen plaats gekregen.',
  feedbackMarkedAbsent:
    'Volgens de presentielijst was u niet bij deze bijeenkomst, daarom kunt u geen terugkoppeling geven. Klopt dat niet? Neem dan contact op met de organisatie.',
  feedbackSessionCancelled: 'Deze bijeenkomst is geannuleerd; er is geen terugkoppeling te geven.',
  feedbackYourAnswers: 'Uw terugkoppeling zoals opgeslagen',
  feedbackNoAnswer: '(geen antwoord)',
  feedbackPlainReplaces: 'Hebt u al terugkoppeling gegeven? Dan vervangt dit formulier uw eerdere antwoorden.',
  feedbackSavedPlain: 'Uw terugkoppeling is opgeslagen.',
};

export const feedbackMessages: Record<Lang, typeof nl> = {
  nl,
  en: {
    feedbackTitle: 'Your feedback',
    feedbackIntro: 'Tell us what you thought of the meeting. Your answers feed into the review at the end of the year.',
    rating: 'How do you rate the meeting?',
    ratingValue: (n: number) =>
      ['', '1 – poor', '2 – fair', '3 – reasonable', '4 – good', '5 – excellent'][n] ?? String(n),
    comment: 'Other comments',
    submitFeedback: 'Send feedback',
    errRating: 'Choose a rating from 1 to 5.',
    errAnswer: 'This answer is too long or contains invalid characters.',
    feedbackThanks: 'Thank you for your feedback.',
    feedbackNotOpen: 'You can give feedback once the meeting is over.',
    feedbackClosed: 'The period for feedback on this meeting has ended.',
    feedbackUnavailable: 'Feedback cannot be given at the moment.',
    feedbackWindowOpen: (closes: string) => `You can give feedback until ${closes}.`,
    feedbackEarlier: (when: string, closes: string) =>
      `You gave feedback on ${when}. Your answers are below; you can change them until ${closes}.`,
    feedbackSaved: (closes: string) => `Your feedback has been saved. You can change it until ${closes}.`,
    feedbackUpdated: (closes: string) => `Your changes have been saved. You can still change them until ${closes}.`,
    saveChanges: 'Save changes',
    feedbackOpensAt: (opens: string) => `You can give feedback from ${opens}, after the meeting.`,
    feedbackClosedAt: (closes: string) => `The period for feedback on this meeting ended on ${closes}.`,
    feedbackRegistrationCancelled: 'This registration was cancelled, so you cannot give feedback.',
    feedbackNotConfirmed:
      'Only participants who had a place can give feedback. You were on the waiting list and did not get a place.',
    feedbackMarkedAbsent:
      'The attendance list says you were not at this meeting, so you cannot give feedback. If that is wrong, please contact the organisers.',
    feedbackSessionCancelled: 'This meeting was cancelled; there is no feedback to give.',
    feedbackYourAnswers: 'Your feedback as saved',
    feedbackNoAnswer: '(no answer)',
    feedbackPlainReplaces: 'Already gave feedback? Then this form replaces your earlier answers.',
    feedbackSavedPlain: 'Your feedback has been saved.',
  },
};

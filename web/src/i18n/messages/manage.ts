import type { Lang } from '../../types';

// The personal page behind the link in every email: the registration, the calendar file, cancelling.

const nl = {
  manageTitle: 'Uw aanmelding',
  unknownToken:
    'Deze link is onbekend of niet meer geldig. Controleer of u de volledige link uit de e-mail hebt gebruikt.',
  noToken: 'Er ontbreekt een persoonlijke code in de link. Gebruik de link uit uw bevestigingsmail.',
  status: 'Status',
  waitlistPosition: 'Plaats op de wachtlijst',
  addToCalendar: 'Zet in mijn agenda',
  addToCalendarNote: '(agendabestand .ics)',
  cancelRegistration: 'Afmelden',
  confirmCancelTitle: 'Weet u zeker dat u zich wilt afmelden?',
  confirmCancelBody: 'Uw plaats gaat naar de eerstvolgende op de wachtlijst. Dit kunt u niet ongedaan maken.',
  confirmCancel: 'Ja, afmelden',
  keepRegistration: 'Nee, aangemeld blijven',
  cancelledDone: 'U bent afgemeld. U ontvangt hiervan een bevestiging per e-mail.',
  alreadyCancelled: 'Deze aanmelding is afgemeld.',
  noScriptManageLimits: 'Uw aanmelding bekijken, afmelden en uw gegevens wissen kan alleen met JavaScript aan.',
};

export const manageMessages: Record<Lang, typeof nl> = {
  nl,
  en: {
    manageTitle: 'Your registration',
    unknownToken: 'This link is unknown or no longer valid. Check that you used the complete link from the email.',
    noToken: 'The link is missing its personal code. Use the link from your confirmation email.',
    status: 'Status',
    waitlistPosition: 'Place on the waiting list',
    addToCalendar: 'Add to my calendar',
    addToCalendarNote: '(calendar file .ics)',
    cancelRegistration: 'Cancel registration',
    confirmCancelTitle: 'Are you sure you want to cancel?',
    confirmCancelBody: 'Your place goes to the next person on the waiting list. This cannot be undone.',
    confirmCancel: 'Yes, cancel',
    keepRegistration: 'No, keep my registration',
    cancelledDone: 'Your registration is cancelled. You will receive a confirmation by email.',
    alreadyCancelled: 'This registration has been cancelled.',
    noScriptManageLimits: 'Viewing your registration, cancelling and erasing your data need JavaScript.',
  },
};

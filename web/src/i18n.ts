import type { Lang, LocalisedText, RegistrationStatus, Role, SessionKind } from './types';

export const langs: readonly Lang[] = ['nl', 'en'];
export const isLang = (v: unknown): v is Lang => v === 'nl' || v === 'en';

/** BCP 47 locale used for Intl formatting; 24-hour clock in both. */
export const locales: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

/** The name of each language in itself, for the switch. */
export const languageNames: Record<Lang, string> = { nl: 'Nederlands', en: 'English' };

export const kindLabels: Record<SessionKind, Record<Lang, string>> = {
  reflection: { nl: 'Reflectiebijeenkomst', en: 'Reflection meeting' },
  knowledge: { nl: 'Kennisbijeenkomst', en: 'Knowledge meeting' },
  practice: { nl: 'Praktijkbijeenkomst', en: 'Practice meeting' },
  feedback: { nl: 'Terugkoppeling', en: 'Feedback meeting' },
};

/** Ordered as the select shows them; Record keeps it exhaustive against the domain's roles. */
export const roleLabels: Record<Role, Record<Lang, string>> = {
  'community-worker': { nl: 'Opbouwwerker', en: 'Community worker' },
  'police-officer': { nl: 'Wijkagent', en: 'Neighbourhood police officer' },
  teacher: { nl: 'Docent', en: 'Teacher' },
  'district-nurse': { nl: 'Wijkverpleegkundige', en: 'District nurse' },
  resident: { nl: 'Bewoner', en: 'Resident' },
  'civil-servant': { nl: 'Ambtenaar', en: 'Civil servant' },
  other: { nl: 'Anders', en: 'Other' },
};
export const roleOrder = Object.keys(roleLabels) as Role[];

export const statusLabels: Record<RegistrationStatus, Record<Lang, string>> = {
  confirmed: { nl: 'Aangemeld', en: 'Registered' },
  waitlisted: { nl: 'Op de wachtlijst', en: 'On the waiting list' },
  cancelled: { nl: 'Afgemeld', en: 'Cancelled' },
};

const nl = {
  appName: 'Stadsgesprekken',
  switchLanguage: 'Taal',
  programmeTitle: 'Programma',
  loading: 'Bezig met laden…',
  loadFailed: 'Het programma kon niet worden geladen. Probeer het later opnieuw.',
  networkError: 'Er is geen verbinding met de server. Controleer uw internetverbinding en probeer het opnieuw.',
  noSessions: 'Er zijn nog geen bijeenkomsten gepland.',
  timeTbd: 'tijd nader te bepalen',
  provisional: 'onder voorbehoud',
  provisionalNote: 'Data en tijden zijn onder voorbehoud.',
  cancelledSession: 'Geannuleerd',
  cancelledSessionNote: 'Deze bijeenkomst gaat niet door.',
  registrationClosed: 'Aanmelden is gesloten',
  location: 'Locatie',
  locationTbd: 'locatie volgt',
  seatsLeft: (n: number) => (n === 1 ? 'Nog 1 plaats vrij' : `Nog ${n} plaatsen vrij`),
  full: 'Vol',
  waitlist: (n: number) => (n === 0 ? 'aanmelden voor de wachtlijst' : `wachtlijst: ${n}`),
  noCapacityLimit: 'Geen maximum aantal deelnemers',
  registerFor: 'Aanmelden',
  registerForSr: (title: string) => `Aanmelden voor ${title}`,
  backToProgramme: 'Terug naar het programma',
  registerTitle: 'Aanmelden',
  noSessionChosen: 'Er is geen bijeenkomst gekozen.',
  chooseFromProgramme: 'Kies een bijeenkomst in het programma',
  sessionNotFound: 'Deze bijeenkomst bestaat niet (meer).',
  requiredHint: 'Velden met (verplicht) moeten worden ingevuld.',
  required: '(verplicht)',
  optional: '(niet verplicht)',
  fieldName: 'Naam',
  fieldEmail: 'E-mailadres',
  fieldEmailHint: 'Hierheen sturen we de bevestiging en uw persoonlijke link om af te melden.',
  fieldRole: 'Uw rol',
  chooseRole: 'Kies uw rol',
  fieldOrganisation: 'Organisatie',
  fieldNeighbourhood: 'Buurt of wijk',
  fieldLanguage: 'Taal van de e-mails',
  fieldConsent: 'Ik geef toestemming dat mijn gegevens worden gebruikt om deze aanmelding te verwerken.',
  privacyLink: 'Lees de privacyverklaring',
  newWindow: '(opent in een nieuw venster)',
  honeypot: 'Laat dit veld leeg',
  submitRegistration: 'Aanmelden',
  submitting: 'Bezig met versturen…',
  errorSummaryTitle: 'Er is een probleem',
  errorPrefix: 'Fout:',
  errorsAnnounced: (n: number) =>
    n === 1 ? 'Er is 1 fout in het formulier.' : `Er zijn ${n} fouten in het formulier.`,
  errName: 'Vul uw naam in.',
  errNameLong: 'Uw naam mag maximaal 200 tekens lang zijn.',
  errEmail: 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.',
  errRole: 'Kies uw rol.',
  errOrganisation: 'Vul een organisatienaam van maximaal 200 tekens op één regel in.',
  errNeighbourhood: 'Vul een buurt van maximaal 200 tekens op één regel in.',
  errLanguage: 'Kies Nederlands of Engels.',
  errConsent: 'Geef toestemming om u aan te kunnen melden.',
  alreadyRegistered:
    'Met dit e-mailadres bent u al aangemeld voor deze bijeenkomst. Gebruik de link in uw bevestigingsmail om uw aanmelding te bekijken.',
  registrationClosedError: 'Aanmelden voor deze bijeenkomst is gesloten.',
  sessionCancelledError: 'Deze bijeenkomst is geannuleerd; aanmelden is niet meer mogelijk.',
  rateLimited: 'Er zijn te veel pogingen gedaan. Wacht een minuut en probeer het opnieuw.',
  genericError: 'Er ging iets mis. Probeer het later opnieuw.',
  confirmedTitle: 'U bent aangemeld',
  confirmedBody: 'U ontvangt een bevestiging per e-mail, met een uitnodiging voor uw agenda.',
  waitlistedTitle: 'U staat op de wachtlijst',
  waitlistedBody: (pos: number | null) =>
    pos === null
      ? 'De bijeenkomst is vol. Komt er een plaats vrij, dan krijgt u bericht per e-mail.'
      : `De bijeenkomst is vol. U staat op plaats ${pos} van de wachtlijst. Komt er een plaats vrij, dan krijgt u bericht per e-mail.`,
  manageLink: 'Uw aanmelding bekijken of afmelden',
  manageTitle: 'Uw aanmelding',
  unknownToken:
    'Deze link is onbekend of niet meer geldig. Controleer of u de volledige link uit de e-mail hebt gebruikt.',
  noToken: 'Er ontbreekt een persoonlijke code in de link. Gebruik de link uit uw bevestigingsmail.',
  status: 'Status',
  waitlistPosition: 'Plaats op de wachtlijst',
  session: 'Bijeenkomst',
  date: 'Datum',
  time: 'Tijd',
  addToCalendar: 'Zet in mijn agenda',
  addToCalendarNote: '(agendabestand .ics)',
  cancelRegistration: 'Afmelden',
  confirmCancelTitle: 'Weet u zeker dat u zich wilt afmelden?',
  confirmCancelBody: 'Uw plaats gaat naar de eerstvolgende op de wachtlijst. Dit kunt u niet ongedaan maken.',
  confirmCancel: 'Ja, afmelden',
  keepRegistration: 'Nee, aangemeld blijven',
  cancelledDone: 'U bent afgemeld. U ontvangt hiervan een bevestiging per e-mail.',
  alreadyCancelled: 'Deze aanmelding is afgemeld.',
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
};

export type Messages = typeof nl;

const en: Messages = {
  appName: 'City conversations',
  switchLanguage: 'Language',
  programmeTitle: 'Programme',
  loading: 'Loading…',
  loadFailed: 'The programme could not be loaded. Please try again later.',
  networkError: 'There is no connection to the server. Check your internet connection and try again.',
  noSessions: 'No meetings have been planned yet.',
  timeTbd: 'time to be decided',
  provisional: 'provisional',
  provisionalNote: 'Dates and times are provisional.',
  cancelledSession: 'Cancelled',
  cancelledSessionNote: 'This meeting will not take place.',
  registrationClosed: 'Registration is closed',
  location: 'Location',
  locationTbd: 'location to follow',
  seatsLeft: (n: number) => (n === 1 ? '1 place left' : `${n} places left`),
  full: 'Full',
  waitlist: (n: number) => (n === 0 ? 'join the waiting list' : `waiting list: ${n}`),
  noCapacityLimit: 'No limit on participants',
  registerFor: 'Register',
  registerForSr: (title: string) => `Register for ${title}`,
  backToProgramme: 'Back to the programme',
  registerTitle: 'Register',
  noSessionChosen: 'No meeting has been chosen.',
  chooseFromProgramme: 'Choose a meeting in the programme',
  sessionNotFound: 'This meeting does not exist (any more).',
  requiredHint: 'Fields marked (required) must be filled in.',
  required: '(required)',
  optional: '(optional)',
  fieldName: 'Name',
  fieldEmail: 'Email address',
  fieldEmailHint: 'We send the confirmation and your personal link to cancel here.',
  fieldRole: 'Your role',
  chooseRole: 'Choose your role',
  fieldOrganisation: 'Organisation',
  fieldNeighbourhood: 'Neighbourhood',
  fieldLanguage: 'Language of the emails',
  fieldConsent: 'I agree that my details are used to process this registration.',
  privacyLink: 'Read the privacy notice',
  newWindow: '(opens in a new window)',
  honeypot: 'Leave this field empty',
  submitRegistration: 'Register',
  submitting: 'Sending…',
  errorSummaryTitle: 'There is a problem',
  errorPrefix: 'Error:',
  errorsAnnounced: (n: number) => (n === 1 ? 'There is 1 error in the form.' : `There are ${n} errors in the form.`),
  errName: 'Enter your name.',
  errNameLong: 'Your name must be 200 characters or fewer.',
  errEmail: 'Enter a valid email address, like name@example.com.',
  errRole: 'Choose your role.',
  errOrganisation: 'Enter an organisation of at most 200 characters on one line.',
  errNeighbourhood: 'Enter a neighbourhood of at most 200 characters on one line.',
  errLanguage: 'Choose Dutch or English.',
  errConsent: 'Give your consent to register.',
  alreadyRegistered:
    'You are already registered for this meeting with this email address. Use the link in your confirmation email to view your registration.',
  registrationClosedError: 'Registration for this meeting is closed.',
  sessionCancelledError: 'This meeting has been cancelled; registration is no longer possible.',
  rateLimited: 'Too many attempts. Wait a minute and try again.',
  genericError: 'Something went wrong. Please try again later.',
  confirmedTitle: 'You are registered',
  confirmedBody: 'You will receive a confirmation by email, with an invitation for your calendar.',
  waitlistedTitle: 'You are on the waiting list',
  waitlistedBody: (pos: number | null) =>
    pos === null
      ? 'The meeting is full. If a place becomes free, we will let you know by email.'
      : `The meeting is full. You are number ${pos} on the waiting list. If a place becomes free, we will let you know by email.`,
  manageLink: 'View or cancel your registration',
  manageTitle: 'Your registration',
  unknownToken: 'This link is unknown or no longer valid. Check that you used the complete link from the email.',
  noToken: 'The link is missing its personal code. Use the link from your confirmation email.',
  status: 'Status',
  waitlistPosition: 'Place on the waiting list',
  session: 'Meeting',
  date: 'Date',
  time: 'Time',
  addToCalendar: 'Add to my calendar',
  addToCalendarNote: '(calendar file .ics)',
  cancelRegistration: 'Cancel registration',
  confirmCancelTitle: 'Are you sure you want to cancel?',
  confirmCancelBody: 'Your place goes to the next person on the waiting list. This cannot be undone.',
  confirmCancel: 'Yes, cancel',
  keepRegistration: 'No, keep my registration',
  cancelledDone: 'Your registration is cancelled. You will receive a confirmation by email.',
  alreadyCancelled: 'This registration has been cancelled.',
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
};

const messages: Record<Lang, Messages> = { nl, en };
export const t = (lang: Lang): Messages => messages[lang];

/** Localised API text: the requested language when present, else Dutch (always present). */
export const localised = (text: LocalisedText | null | undefined, lang: Lang): string =>
  text ? (lang === 'en' && text.en ? text.en : text.nl) : '';

/** Whether `localised` fell back to Dutch, so the element can carry lang="nl". */
export const localisedLang = (text: LocalisedText | null | undefined, lang: Lang): Lang =>
  lang === 'en' && text?.en ? 'en' : 'nl';

import type { Lang } from '../../types';

// The registration form, its validation and the answers the API can give to it.

const nl = {
  registerTitle: 'Aanmelden',
  noSessionChosen: 'Er is geen bijeenkomst gekozen.',
  chooseFromProgramme: 'Kies een bijeenkomst in het programma',
  sessionNotFound: 'Deze bijeenkomst bestaat niet (meer).',
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
  honeypot: 'Laat dit veld leeg',
  submitRegistration: 'Aanmelden',
  submitting: 'Bezig met versturen…',
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
  confirmedTitle: 'U bent aangemeld',
  confirmedBody: 'U ontvangt een bevestiging per e-mail, met een uitnodiging voor uw agenda.',
  waitlistedTitle: 'U staat op de wachtlijst',
  waitlistedBody: (pos: number | null) =>
    pos === null
      ? 'De bijeenkomst is vol. Komt er een plaats vrij, dan krijgt u bericht per e-mail.'
      : `De bijeenkomst is vol. U staat op plaats ${pos} van de wachtlijst. Komt er een plaats vrij, dan krijgt u bericht per e-mail.`,
  manageLink: 'Uw aanmelding bekijken of afmelden',
  privacyVersion: (v: string) => `versie ${v}`,
};

export const registerMessages: Record<Lang, typeof nl> = {
  nl,
  en: {
    registerTitle: 'Register',
    noSessionChosen: 'No meeting has been chosen.',
    chooseFromProgramme: 'Choose a meeting in the programme',
    sessionNotFound: 'This meeting does not exist (any more).',
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
    honeypot: 'Leave this field empty',
    submitRegistration: 'Register',
    submitting: 'Sending…',
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
    confirmedTitle: 'You are registered',
    confirmedBody: 'You will receive a confirmation by email, with an invitation for your calendar.',
    waitlistedTitle: 'You are on the waiting list',
    waitlistedBody: (pos: number | null) =>
      pos === null
        ? 'The meeting is full. If a place becomes free, we will let you know by email.'
        : `The meeting is full. You are number ${pos} on the waiting list. If a place becomes free, we will let you know by email.`,
    manageLink: 'View or cancel your registration',
    privacyVersion: (v: string) => `version ${v}`,
  },
};

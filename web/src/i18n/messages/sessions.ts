import type { Lang } from '../../types';

// The programme and the summary of one session that the other pages show at their top.

const nl = {
  programmeTitle: 'Programma',
  loadFailed: 'Het programma kon niet worden geladen. Probeer het later opnieuw.',
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
  session: 'Bijeenkomst',
  date: 'Datum',
  time: 'Tijd',
};

export const sessionsMessages: Record<Lang, typeof nl> = {
  nl,
  en: {
    programmeTitle: 'Programme',
    loadFailed: 'The programme could not be loaded. Please try again later.',
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
    session: 'Meeting',
    date: 'Date',
    time: 'Time',
  },
};

import { DateTime } from 'luxon';
import type { ProgrammeFile } from '../shared/domain/schemas';

/**
 * The model customer's 2020 programme (Kennisnetwerk Amsterdam, "Zeggenschap en eigenaarschap"),
 * as organisers would type it in. Dates are those of 2020; `demoProgramme` moves them forward by
 * whole years so that every session lies in the future. All dates and times are provisional
 * ("Data en tijden zijn onder voorbehoud"), and 23 April has no time yet.
 */
const SEED_YEAR = 2020;
const AMSTERDAM_LOCATION = null;

const seedSessions: Array<Omit<ProgrammeFile['sessions'][number], 'id' | 'registrationOpen'> & { slug: string }> = [
  {
    slug: 'reflectie',
    kind: 'reflection',
    date: '2020-03-03',
    startTime: '16:00',
    endTime: '17:30',
    title: {
      nl: 'Reflectiebijeenkomst: wat betekenen zeggenschap en eigenaarschap?',
      en: 'Reflection: what do voice and ownership mean?',
    },
    description: {
      nl: 'Wat betekenen zeggenschap en eigenaarschap? Wat zijn de gevolgen voor een organisatie? Echt macht uit handen geven betekent ook ‘niet piepen’ wanneer Amsterdammers andere keuzes maken. Hoe combineren we dat met onze eigen opdracht in de wijk, en wat betekent het voor ons professionele handelen, bijvoorbeeld in relatie tot de verantwoordingscultuur?',
      en: 'What do voice and ownership mean, and what follows for an organisation? Truly handing over power also means not complaining when Amsterdammers make other choices. How do we combine that with our own task in the neighbourhood and with the culture of accountability?',
    },
    location: AMSTERDAM_LOCATION,
    capacity: 40,
    provisional: true,
  },
  {
    slug: 'kennis',
    kind: 'knowledge',
    date: '2020-04-02',
    startTime: '16:00',
    endTime: '17:30',
    title: { nl: 'Kennisbijeenkomst: het is druk in de wijk', en: 'Knowledge: a crowded neighbourhood' },
    description: {
      nl: 'Het is druk in de wijk – de trog trekt. ZZP’ers die bewoners helpen projecten te organiseren, welzijnsorganisaties die meeschrijven aan buurtrechten, velen die ‘de gemeente’ vertegenwoordigen. Hoe zorgen we dat dit zuiver blijft en we zicht houden op onze eigen effectiviteit als wijkprofessional?',
      en: 'The neighbourhood is crowded: freelancers helping residents organise projects, welfare organisations co-writing neighbourhood rights, many representing the municipality. How do we keep this honest and keep sight of our own effectiveness as neighbourhood professionals?',
    },
    location: AMSTERDAM_LOCATION,
    capacity: 40,
    provisional: true,
  },
  {
    slug: 'praktijk',
    kind: 'practice',
    date: '2020-04-23',
    startTime: null,
    endTime: null,
    title: {
      nl: 'Praktijkbijeenkomst: een maatschappelijke opgave democratiseren',
      en: 'Practice: democratising a societal challenge',
    },
    description: {
      nl: 'We kijken naar een specifiek thema, bijvoorbeeld de energietransitie. Hoe kan zo’n maatschappelijke opgave ook gedemocratiseerd worden?',
      en: 'We look at one theme, for example the energy transition. How can such a societal challenge be democratised?',
    },
    location: AMSTERDAM_LOCATION,
    capacity: 30,
    provisional: true,
  },
  {
    slug: 'kennis',
    kind: 'knowledge',
    date: '2020-05-28',
    startTime: '16:00',
    endTime: '17:30',
    title: { nl: 'Kennisbijeenkomst: de unusual suspects betrekken', en: 'Knowledge: involving the unusual suspects' },
    description: {
      nl: 'Hoe betrekken we mensen die moeilijker participeren ook bij de democratiseringsagenda, de unusual suspects? Er zijn in de stad best practices, maar die zijn nog niet genoeg. Kunnen we met elkaar tot nieuwe vormen komen?',
      en: 'How do we involve people who participate less easily in the democratisation agenda? The city has good practices, but not enough. Can we find new forms together?',
    },
    location: AMSTERDAM_LOCATION,
    capacity: 40,
    provisional: true,
  },
  {
    slug: 'reflectie',
    kind: 'reflection',
    date: '2020-06-25',
    startTime: '16:00',
    endTime: '17:30',
    title: {
      nl: 'Reflectiebijeenkomst: zeggenschap en ongelijkheid',
      en: 'Reflection: voice, ownership and inequality',
    },
    description: {
      nl: 'Zeggenschap en eigenaarschap kunnen ook tot meer ongelijkheid leiden, zoals bij de vrije schoolkeuze of NIMBY-gedrag. Wie bewaakt het algemeen belang, zodat het niet leidt tot ‘ieder voor z’n eigen’?',
      en: 'Voice and ownership can also increase inequality, as with free school choice or NIMBY behaviour. Who guards the common interest?',
    },
    location: AMSTERDAM_LOCATION,
    capacity: 40,
    provisional: true,
  },
  {
    slug: 'praktijk',
    kind: 'practice',
    date: '2020-09-17',
    startTime: '16:00',
    endTime: '17:30',
    title: { nl: 'Praktijkbijeenkomst: een agenda voor de buurt', en: 'Practice: an agenda for the neighbourhood' },
    description: {
      nl: 'In één afgebakende buurt gaan we met bewoners en wijkprofessionals aan de slag om een concrete agenda voor de buurt op te stellen. Welke top-3 willen bewoners gerealiseerd krijgen?',
      en: 'In one neighbourhood, residents and professionals draw up a concrete agenda together. Which top three do residents want to see realised?',
    },
    location: AMSTERDAM_LOCATION,
    capacity: 60,
    provisional: true,
  },
  {
    slug: 'kennis',
    kind: 'knowledge',
    date: '2020-10-22',
    startTime: '16:00',
    endTime: '17:30',
    title: { nl: 'Kennisbijeenkomst: voorbij de verkokering', en: 'Knowledge: beyond silos' },
    description: {
      nl: 'Effectief handelen in de buurt wordt vaak in de weg gestaan door verkokering tussen en binnen organisaties. Hoe gaan we die uit de weg, en hoe verenigen we dat met de neiging van organisaties om te groeien en zichzelf te behouden?',
      en: 'Silos between and within organisations often stand in the way of effective work in the neighbourhood. How do we get past them?',
    },
    location: AMSTERDAM_LOCATION,
    capacity: 40,
    provisional: true,
  },
  {
    slug: 'terugkoppeling',
    kind: 'feedback',
    date: '2020-11-26',
    startTime: '16:00',
    endTime: '17:30',
    title: { nl: 'Terugkoppeling: de opbrengsten van het jaar', en: 'Feedback: the outcomes of the year' },
    description: {
      nl: 'Aan het eind van het jaar brengen we alle opbrengsten samen rondom de vragen die de wethouder stelde.',
      en: 'At the end of the year we bring all outcomes together around the questions the alderman asked.',
    },
    location: AMSTERDAM_LOCATION,
    capacity: 80,
    provisional: true,
  },
];

export const demoFeedbackQuestions: ProgrammeFile['feedbackQuestions'] = [
  {
    id: 'impact',
    text: {
      nl: 'Hoe kan het samenspel van Amsterdammers, overheid en wijkprofessionals zo effectief mogelijk maatschappelijke impact maken?',
      en: 'How can Amsterdammers, government and neighbourhood professionals together make the most social impact?',
    },
  },
  {
    id: 'hinders',
    text: { nl: 'Wat hindert professionals daarin?', en: 'What hinders professionals in this?' },
  },
  {
    id: 'helps',
    text: { nl: 'Wat helpt hen daarbij?', en: 'What helps them?' },
  },
  {
    id: 'needs-from-government',
    text: { nl: 'Wat hebben zij nodig van de overheid?', en: 'What do they need from government?' },
  },
  {
    id: 'government-must-not',
    text: { nl: 'Wat moet de overheid vooral niet doen?', en: 'What must government above all not do?' },
  },
];

/** The number of whole years to add to the seed so that its first session lies after `today`. */
export function yearsToFuture(today: Date): number {
  const first = DateTime.fromISO(seedSessions[0]?.date ?? '2020-03-03', { zone: 'Europe/Amsterdam' });
  const now = DateTime.fromJSDate(today, { zone: 'Europe/Amsterdam' }).startOf('day');
  let years = 0;
  while (first.plus({ years }) <= now) years += 1;
  return years;
}

/**
 * The organiser's own privacy notice. The demo cannot know it: this placeholder is replaced by
 * `PRIVACY_NOTICE_URL` on `npm start`, and a real programme file names its own.
 */
export const DEMO_PRIVACY_NOTICE_URL = 'https://stadsgesprekken.example.org/privacyverklaring';

export interface DemoOptions {
  privacyNoticeUrl?: string | undefined;
}

export function demoProgramme(today: Date = new Date(), options: DemoOptions = {}): ProgrammeFile {
  const shift = yearsToFuture(today);
  const year = SEED_YEAR + shift;
  return {
    id: `kennisnetwerk-${year}`,
    title: { nl: `Jaarprogramma ${year}: zeggenschap en eigenaarschap`, en: `Programme ${year}: voice and ownership` },
    timeZone: 'Europe/Amsterdam',
    feedbackQuestions: demoFeedbackQuestions,
    privacyNotice: { url: options.privacyNoticeUrl ?? DEMO_PRIVACY_NOTICE_URL, version: `${year}-01` },
    retentionMonths: 6,
    retentionAfter: 'programme-end',
    sessions: seedSessions.map(({ slug, ...s }) => {
      const date = DateTime.fromISO(s.date).plus({ years: shift }).toISODate() as string;
      return { ...s, id: `${date}-${slug}`, date, registrationOpen: true };
    }),
  };
}

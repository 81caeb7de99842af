import type { Lang, RegistrationStatus, Role, SessionKind } from '../types';

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
  offered: { nl: 'Plek aangeboden', en: 'Seat offered' },
  cancelled: { nl: 'Afgemeld', en: 'Cancelled' },
};

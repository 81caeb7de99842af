import type { Language, Role, SessionKind } from '../schemas';

// How roles and kinds of session are named in the downloads (CSV columns, report headings).

export const roleLabels: Record<Role, Record<Language, string>> = {
  'community-worker': { nl: 'Opbouwwerker', en: 'Community worker' },
  'police-officer': { nl: 'Wijkagent', en: 'Community police officer' },
  teacher: { nl: 'Docent', en: 'Teacher' },
  'district-nurse': { nl: 'Wijkverpleegkundige', en: 'District nurse' },
  resident: { nl: 'Bewoner', en: 'Resident' },
  'civil-servant': { nl: 'Ambtenaar', en: 'Civil servant' },
  other: { nl: 'Anders', en: 'Other' },
};

export const kindLabels: Record<SessionKind, Record<Language, string>> = {
  reflection: { nl: 'Reflectiebijeenkomst', en: 'Reflection session' },
  knowledge: { nl: 'Kennisbijeenkomst', en: 'Knowledge session' },
  practice: { nl: 'Praktijkbijeenkomst', en: 'Practice session' },
  feedback: { nl: 'Terugkoppeling', en: 'Feedback session' },
};

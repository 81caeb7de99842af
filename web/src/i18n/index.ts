import type { Lang } from '../types';
import { areasMessages } from './messages/areas';
import { commonMessages } from './messages/common';
import { feedbackMessages } from './messages/feedback';
import { manageMessages } from './messages/manage';
import { offerMessages } from './messages/offer';
import { personMessages } from './messages/person';
import { privacyMessages } from './messages/privacy';
import { questionsMessages } from './messages/questions';
import { registerMessages } from './messages/register';
import { sessionsMessages } from './messages/sessions';

export { kindLabels, roleLabels, roleOrder, statusLabels } from './labels';
export { isLang, languageNames, locales } from './languages';
export { localised, localisedLang } from './localised';

// Each page area keeps its own words in both languages, the compiler checking that English has every
// Dutch key; the views see them as one set, so a view never has to know which file a message lives in.
export type Messages = (typeof commonMessages)['nl'] &
  (typeof sessionsMessages)['nl'] &
  (typeof registerMessages)['nl'] &
  (typeof manageMessages)['nl'] &
  (typeof offerMessages)['nl'] &
  (typeof privacyMessages)['nl'] &
  (typeof questionsMessages)['nl'] &
  (typeof areasMessages)['nl'] &
  (typeof feedbackMessages)['nl'] &
  (typeof personMessages)['nl'];

const messagesIn = (lang: Lang): Messages => ({
  ...commonMessages[lang],
  ...sessionsMessages[lang],
  ...registerMessages[lang],
  ...manageMessages[lang],
  ...offerMessages[lang],
  ...privacyMessages[lang],
  ...questionsMessages[lang],
  ...areasMessages[lang],
  ...feedbackMessages[lang],
  ...personMessages[lang],
});

const messages: Record<Lang, Messages> = { nl: messagesIn('nl'), en: messagesIn('en') };
export const t = (lang: Lang): Messages => messages[lang];

import type { Lang } from '../../types';

// Words every page uses: the frame, loading and connection trouble, form conventions, errors any request can meet.

const nl = {
  appName: 'Stadsgesprekken',
  switchLanguage: 'Taal',
  loading: 'Bezig met laden…',
  networkError: 'Er is geen verbinding met de server. Controleer uw internetverbinding en probeer het opnieuw.',
  requiredHint: 'Velden met (verplicht) moeten worden ingevuld.',
  required: '(verplicht)',
  optional: '(niet verplicht)',
  newWindow: '(opent in een nieuw venster)',
  errorSummaryTitle: 'Er is een probleem',
  errorPrefix: 'Fout:',
  errorsAnnounced: (n: number) =>
    n === 1 ? 'Er is 1 fout in het formulier.' : `Er zijn ${n} fouten in het formulier.`,
  rateLimited: 'Er zijn te veel pogingen gedaan. Wacht een minuut en probeer het opnieuw.',
  genericError: 'Er ging iets mis. Probeer het later opnieuw.',
};

export const commonMessages: Record<Lang, typeof nl> = {
  nl,
  en: {
    appName: 'City conversations',
    switchLanguage: 'Language',
    loading: 'Loading…',
    networkError: 'There is no connection to the server. Check your internet connection and try again.',
    requiredHint: 'Fields marked (required) must be filled in.',
    required: '(required)',
    optional: '(optional)',
    newWindow: '(opens in a new window)',
    errorSummaryTitle: 'There is a problem',
    errorPrefix: 'Error:',
    errorsAnnounced: (n: number) => (n === 1 ? 'There is 1 error in the form.' : `There are ${n} errors in the form.`),
    rateLimited: 'Too many attempts. Wait a minute and try again.',
    genericError: 'Something went wrong. Please try again later.',
  },
};

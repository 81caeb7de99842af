import { t } from './i18n';
import type { FieldError } from './problems';
import type { Lang } from './types';
import type { RegistrationFormValues } from './views/register-form';

// Deliberately loose: the API has the final word; this only catches the obvious before a round trip.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the API refuses
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;

/** The checks the browser would do natively (required, type=email, maxlength), with our own wording. */
export function validateRegistration(v: RegistrationFormValues, lang: Lang): FieldError[] {
  const m = t(lang);
  const errors: FieldError[] = [];
  const name = (v.name ?? '').trim();
  if (name === '') errors.push({ field: 'name', message: m.errName });
  else if (name.length > 200) errors.push({ field: 'name', message: m.errNameLong });
  const email = (v.email ?? '').trim();
  if (!EMAIL.test(email) || email.length > 254) errors.push({ field: 'email', message: m.errEmail });
  if (!v.role) errors.push({ field: 'role', message: m.errRole });
  const org = v.organisation ?? '';
  if (org.length > 200 || CONTROL.test(org)) errors.push({ field: 'organisation', message: m.errOrganisation });
  const hood = v.neighbourhood ?? '';
  if (hood.length > 200 || CONTROL.test(hood)) errors.push({ field: 'neighbourhood', message: m.errNeighbourhood });
  if (v.consent !== true) errors.push({ field: 'consent', message: m.errConsent });
  return errors;
}

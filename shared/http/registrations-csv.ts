import { stringify } from 'csv-stringify/sync';
import type { AdminRegistrationView } from '../domain/admin-views';
import { areaLabel } from '../domain/areas';
import { neutraliseFormula } from '../domain/csv-safety';
import { answerText } from '../domain/registration-answers';
import type { AreaSettings, RegistrationQuestion } from '../domain/schemas';
import { spreadsheetLocalTime } from '../domain/time';

/**
 * Registrations as CSV that Dutch Excel opens correctly by double-click: UTF-8 with a byte order
 * mark (else Excel guesses Windows-1252), `;` as delimiter (the Dutch list separator, since the
 * comma is the decimal sign), CRLF line ends, every field quoted.
 */

const HEADER = [
  'Naam',
  'E-mail',
  'Rol',
  'Organisatie',
  'Wijk',
  'Taal',
  'Status',
  'Wachtlijstpositie',
  'Aangemeld op',
  'Aanwezig',
  'Adres bevestigd',
  'Vastgehouden tot',
  'Aanbod geldig tot',
];

const STATUS_NL: Record<AdminRegistrationView['status'], string> = {
  confirmed: 'bevestigd',
  waitlisted: 'wachtlijst',
  offered: 'plek aangeboden',
  cancelled: 'geannuleerd',
};

/** A local time Excel recognises as a date-time: `yyyy-MM-dd HH:mm` in the session's zone. */
const localTime = spreadsheetLocalTime;

/** The chosen area's Dutch name ("Anders: …" with its text), else an older registration's free text. */
function wijk(r: AdminRegistrationView, areas: AreaSettings | undefined): string {
  if (!r.area) return r.neighbourhood ?? '';
  const label = areaLabel(areas, r.area).nl;
  return r.area === 'other' && r.areaOther ? `${label}: ${r.areaOther}` : label;
}

/**
 * One column per registration question, headed by its Dutch label. Sensitive questions (access
 * needs: health data) are left out unless asked for explicitly (audited by the caller); the
 * access-needs summary is where organisers see those.
 */
export function registrationsCsv(
  rows: AdminRegistrationView[],
  timeZone: string,
  questions: readonly RegistrationQuestion[] = [],
  areas?: AreaSettings,
  includeSensitive = false,
): string {
  const columns = questions.filter((q) => includeSensitive || !q.sensitive);
  const header = [...HEADER, ...(areas?.askPostcode ? ['Postcode'] : []), ...columns.map((q) => q.label.nl)];
  const records = rows.map((r) => [
    r.name,
    r.email,
    r.role,
    r.organisation ?? '',
    wijk(r, areas),
    r.language,
    STATUS_NL[r.status],
    r.waitlistPosition === null ? '' : String(r.waitlistPosition),
    localTime(r.createdAt, timeZone),
    r.attendance === null ? '' : r.attendance.present ? 'ja' : 'nee',
    // Address confirmation: when confirmed; for an unconfirmed hold, until when the seat is held.
    r.addressConfirmedAt ? localTime(r.addressConfirmedAt, timeZone) : r.holdExpiresAt ? 'nee' : '',
    r.holdExpiresAt ? localTime(r.holdExpiresAt, timeZone) : '',
    // An open offer from the waiting list: until when it can be claimed.
    r.offerExpiresAt ? localTime(r.offerExpiresAt, timeZone) : '',
    ...(areas?.askPostcode ? [r.postcode ?? ''] : []),
    ...columns.map((q) => answerText(q, r.answers[q.id])),
  ]);
  return stringify(
    [header, ...records].map((cells) => cells.map(neutraliseFormula)),
    {
      bom: true,
      delimiter: ';',
      record_delimiter: 'windows',
      quoted: true,
    },
  );
}

import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import type { AdminRegistrationView } from '../domain/admin-views';
import { neutraliseFormula } from '../domain/csv-safety';
import { answerText } from '../domain/registration-answers';
import type { RegistrationQuestion } from '../domain/schemas';

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
];

const STATUS_NL: Record<AdminRegistrationView['status'], string> = {
  confirmed: 'bevestigd',
  waitlisted: 'wachtlijst',
  cancelled: 'geannuleerd',
};

/** A local time Excel recognises as a date-time: `yyyy-MM-dd HH:mm` in the session's zone. */
const localTime = (iso: string, timeZone: string) =>
  DateTime.fromISO(iso).setZone(timeZone).toFormat('yyyy-MM-dd HH:mm');

/**
 * One column per registration question, headed by its Dutch label. Sensitive questions (access
 * needs: health data) are left out; the access-needs summary is where organisers see those.
 */
export function registrationsCsv(
  rows: AdminRegistrationView[],
  timeZone: string,
  questions: readonly RegistrationQuestion[] = [],
): string {
  const columns = questions.filter((q) => !q.sensitive);
  const header = [...HEADER, ...columns.map((q) => q.label.nl)];
  const records = rows.map((r) => [
    r.name,
    r.email,
    r.role,
    r.organisation ?? '',
    r.neighbourhood ?? '',
    r.language,
    STATUS_NL[r.status],
    r.waitlistPosition === null ? '' : String(r.waitlistPosition),
    localTime(r.createdAt, timeZone),
    r.attendance === null ? '' : r.attendance.present ? 'ja' : 'nee',
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

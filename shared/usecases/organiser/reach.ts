import { areaLabel, areaOptions } from '../../domain/areas';
import {
  ACCESS_NEED_LABELS,
  HEARD_VIA_LABELS,
  HEARD_VIA_QUESTION_ID,
  heardViaChannels,
} from '../../domain/default-questions';
import { NotFound } from '../../domain/errors';
import { confirmationRequired } from '../../domain/holds';
import type { Programme, Registration, Session } from '../../domain/model';
import { countReach, publishReach, type ReachRow } from '../../domain/reach';
import type { ReachReport } from '../../domain/reach-format';
import { type Language, roles } from '../../domain/schemas';
import { SMALL_CELL_THRESHOLD } from '../../domain/small-cells';
import { roleLabels } from '../../domain/synthesis/labels';
import type { FeedbackRepository } from '../../ports/feedback';
import { tallyAccessNeeds } from './access-needs';
import { listSessionsForOrganiser, type OrganiserDeps } from './deps';

export interface ReachDeps extends Pick<OrganiserDeps, 'sessions' | 'registrations' | 'accessNeeds' | 'clock'> {
  feedback: Pick<FeedbackRepository, 'listForSession'>;
}

export const UNSPECIFIED = 'unspecified';
export const NOT_ANSWERED = 'not-answered';

export const FREE_TEXT = 'free-text';

/**
 * The area a registration counts under: the chosen area, or one group for every free text (the
 * "other" text and older registrations' neighbourhoods), whose words never reach the report:
 * a label of a small group would name someone's street as surely as a count.
 */
function areaKey(r: Registration): string {
  if (r.area) return r.area;
  return r.neighbourhood?.trim() ? FREE_TEXT : UNSPECIFIED;
}

function chooseProgramme(sessions: Session[], scope: { sessionId?: string; programmeId?: string }): string {
  if (scope.sessionId) {
    const s = sessions.find((x) => x.id === scope.sessionId);
    if (!s) throw new NotFound('session');
    return s.programmeId;
  }
  if (scope.programmeId) {
    if (!sessions.some((s) => s.programmeId === scope.programmeId)) throw new NotFound('programme');
    return scope.programmeId;
  }
  const latest = sessions.at(-1);
  if (!latest) throw new NotFound('programme');
  return latest.programmeId;
}

const NOTES: Record<Language, Record<string, string>> = {
  nl: {
    suppression: `Aantallen van 1 tot en met ${SMALL_CELL_THRESHOLD - 1} personen staan als <${SMALL_CELL_THRESHOLD}; een x is een aantal dat is weggelaten zodat een klein aantal niet uit het totaal is terug te rekenen.`,
    unconfirmed: 'Dit programma vraagt niet om het e-mailadres te bevestigen: elke aanmelding telt als bevestigd.',
    unknown: 'Aanmeldingen die zijn gewist voordat bekend was of iemand voor het eerst kwam, tellen als onbekend.',
    session:
      'Rapport over één bijeenkomst: leg het niet naast het programmarapport om kleine aantallen terug te rekenen; geef bij voorkeur het programmarapport door.',
    noChannel: 'Het programma vraagt niet hoe mensen van de bijeenkomsten hoorden.',
    people:
      'Eerste keer of terugkerend wordt geteld op de versleutelde vorm (hash) van het e-mailadres, nooit op naam.',
  },
  en: {
    suppression: `Counts of 1 to ${SMALL_CELL_THRESHOLD - 1} people are shown as <${SMALL_CELL_THRESHOLD}; an x is a count withheld so that a small one cannot be worked out from the total.`,
    unconfirmed: 'This programme does not ask people to confirm their address: every registration counts as confirmed.',
    unknown: 'Registrations erased before it was known whether it was someone’s first count as unknown.',
    session:
      'A report on one session: do not set it beside the programme report to work out small counts; prefer passing on the programme report.',
    noChannel: 'The programme does not ask how people heard about the sessions.',
    people: 'First time or returning is counted on the hash of the email address, never on names.',
  },
};

/**
 * The reach report of a programme, or of one of its sessions (first-timers are still judged
 * against the whole programme). Every count under 5 is suppressed before it leaves.
 */
export async function reachReport(
  deps: ReachDeps,
  scope: { sessionId?: string; programmeId?: string },
  language: Language = 'nl',
): Promise<ReachReport> {
  const all = await listSessionsForOrganiser(deps);
  const programmeId = chooseProgramme(all, scope);
  const programme: Programme | null = await deps.sessions.getProgramme(programmeId);
  const sessions = all.filter((s) => s.programmeId === programmeId);
  const inScope = scope.sessionId ? sessions.filter((s) => s.id === scope.sessionId) : sessions;
  const confirms = confirmationRequired(programme);
  const rows: ReachRow[] = [];
  const tallies = [];
  for (const s of sessions) {
    const regs = await deps.registrations.listWithAttendance(s.id);
    const gaveFeedback = new Set((await deps.feedback.listForSession(s.id)).map((f) => f.registrationId));
    for (const { registration: r, attendance } of regs) {
      const channel = r.answers?.[HEARD_VIA_QUESTION_ID];
      rows.push({
        registrationId: r.id,
        sessionId: s.id,
        sessionDate: s.date,
        sessionStart: s.startTime ?? '',
        createdAt: r.createdAt,
        cancelled: r.status === 'cancelled',
        role: r.role,
        area: areaKey(r),
        channel: typeof channel === 'string' ? channel : NOT_ANSWERED,
        emailHash: r.emailHash || null,
        visit: r.visit ?? null,
        // Only a programme that asks people to confirm their address has the stage to count.
        ...(confirms ? { addressConfirmedAt: r.addressConfirmedAt ?? null } : {}),
        attended: r.status !== 'cancelled' && attendance?.present === true,
        gaveFeedback: gaveFeedback.has(r.id),
      });
    }
    if (inScope.includes(s)) {
      const kept = await deps.accessNeeds.keptCounts(s.id);
      tallies.push(
        kept ??
          tallyAccessNeeds(
            regs.map((x) => x.registration),
            await deps.accessNeeds.arranged(s.id),
          ),
      );
    }
  }
  const ids = new Set(inScope.map((s) => s.id));
  const asksChannel = Boolean(programme?.inclusion?.heardVia);
  const areaIds = programme?.areas ? areaOptions(programme.areas).map((o) => o.id) : [];
  const counts = countReach(
    rows,
    (r) => ids.has(r.sessionId),
    {
      roles,
      areas: [...areaIds, ...(areaIds.length ? [] : [FREE_TEXT]), UNSPECIFIED],
      channels: asksChannel ? [...heardViaChannels, NOT_ANSWERED] : [],
    },
    tallies,
  );
  if (!asksChannel) counts.byChannel = {};
  const t = NOTES[language];
  const notes = [t.suppression as string, t.people as string];
  if (counts.addressConfirmationUnknown) notes.push(t.unconfirmed as string);
  if (counts.visits.unknown > 0) notes.push(t.unknown as string);
  if (!asksChannel) notes.push(t.noChannel as string);
  if (scope.sessionId) notes.push(t.session as string);

  const labels: Record<string, string> = { [UNSPECIFIED]: language === 'nl' ? 'Niet opgegeven' : 'Not given' };
  labels[NOT_ANSWERED] = language === 'nl' ? 'Geen antwoord' : 'No answer';
  for (const r of roles) labels[`role:${r}`] = roleLabels[r][language];
  labels[`area:${FREE_TEXT}`] = language === 'nl' ? 'Eigen omschrijving' : 'Own description';
  for (const key of Object.keys(counts.byArea)) {
    if (key === UNSPECIFIED || key === FREE_TEXT) continue;
    const label = areaLabel(programme?.areas, key);
    labels[`area:${key}`] = label[language] ?? label.nl;
  }
  for (const c of heardViaChannels) labels[`channel:${c}`] = HEARD_VIA_LABELS[c][language];
  for (const [n, l] of Object.entries(ACCESS_NEED_LABELS)) labels[`need:${n}`] = l[language];

  return {
    programmeId,
    sessionId: scope.sessionId ?? null,
    sessions: inScope.map((s) => ({ id: s.id, date: s.date })),
    generatedAt: deps.clock.now().toISOString(),
    threshold: SMALL_CELL_THRESHOLD,
    labels,
    notes,
    ...publishReach(counts),
  };
}

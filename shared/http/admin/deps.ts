import { toAdminSessionView } from '../../domain/admin-views';
import type { Session } from '../../domain/model';
import { registrationClosesAt } from '../../domain/session-rules';
import type { Clock } from '../../ports/clock';
import type { CheckInDeps } from '../../usecases/organiser/check-in';
import type { SynthesisDeps } from '../../usecases/synthesis';
import type { HttpResponse } from '../types';

/** Everything the organiser API's routes work with. */
export interface AdminApiDeps extends CheckInDeps {
  feedback: SynthesisDeps['feedback'];
  participation: SynthesisDeps['participation'];
}

const NO_STORE = { 'cache-control': 'no-store' };

/** Organiser answers are never cached: they hold personal data. */
export const ok = (json: unknown, status = 200): HttpResponse => ({ status, json, headers: NO_STORE });

export const download = (text: string, contentType: string, filename: string): HttpResponse => ({
  status: 200,
  text,
  contentType,
  headers: { ...NO_STORE, 'content-disposition': `attachment; filename="${filename}"` },
});

export const sessionView = (deps: { clock: Clock }, s: Session) =>
  toAdminSessionView(s, deps.clock.now(), registrationClosesAt(s));

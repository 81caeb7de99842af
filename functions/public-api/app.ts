import { SlugId } from '../../shared/domain/schemas';
import { httpApiHandler } from '../../shared/http/middleware';
import type { Problem } from '../../shared/http/problem';
import { publicApi } from '../../shared/http/public/api';
import type { PublicApiDeps } from '../../shared/http/public/deps';
import { dispatchTable } from '../../shared/http/route';
import type { HttpRequest } from '../../shared/http/types';

/** A field the register page can mark: `name`, `answers.<questionId>`…; anything else is left out. */
const FIELD = /^[A-Za-z][A-Za-z0-9]{0,40}(?:\.[a-z0-9][a-z0-9-]{0,63})?$/;

/** What kind of problem a field has, so the page can say it in its language; never the value. */
const kindOf = (message: string): string =>
  /required|must be given/i.test(message) ? 'required' : /at most|characters/i.test(message) ? 'long' : 'invalid';

/** The page language the form was shown in (its hidden `lang` field); Dutch when absent. */
const formLang = (req: Pick<HttpRequest, 'rawBody'>): 'nl' | 'en' => {
  try {
    return new URLSearchParams(req.rawBody ?? '').get('lang') === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
};

/**
 * A failed plain form post goes back to the register page, which explains the problem in its
 * language: `error=<slug>` for a refusal (409, 429…), `invalid=<field>:<kind>` for each field of a
 * 400, so the page marks those fields. Only field names and kinds travel, never what was typed.
 */
export const registerPageWithError =
  (base: string) => (req: HttpRequest, problem: Pick<Problem, 'type' | 'status' | 'errors'>) => {
    const sessionId = req.params.sessionId;
    if (!sessionId || !SlugId.safeParse(sessionId).success) return null;
    const query = new URLSearchParams({ session: sessionId });
    if (formLang(req) === 'en') query.set('lang', 'en');
    if (problem.status === 400) {
      // Only the session's registration form has fields the page can mark.
      if (req.event.routeKey !== 'POST /sessions/{sessionId}/registrations') return null;
      const fields = (problem.errors ?? []).filter((e) => FIELD.test(e.field));
      if (fields.length === 0) return null;
      query.set('invalid', fields.map((e) => `${e.field}:${kindOf(e.message)}`).join(','));
    } else {
      query.set('error', problem.type.split('/').pop() ?? 'error');
    }
    return `${base}/register.html?${query.toString()}`;
  };

/** The public API function: its routes behind the one middy chain. */
export function createPublicApiHandler(deps: PublicApiDeps, options: { originSecret?: string } = {}) {
  return httpApiHandler(dispatchTable('public-api', publicApi, deps), {
    ...options,
    browserFormErrorLocation: (req, problem) => registerPageWithError(deps.publicBaseUrl)(req, problem),
  });
}

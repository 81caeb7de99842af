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

const SESSION_FORM = 'POST /sessions/{sessionId}/registrations';
const PROGRAMME_FORM = 'POST /programmes/{programmeId}/registrations';

/** `field:kind,…` for the fields of a 400 a form can mark; null when there are none. */
const invalidParam = (problem: Pick<Problem, 'errors'>): string | null => {
  const fields = (problem.errors ?? []).filter((e) => FIELD.test(e.field));
  return fields.length ? fields.map((e) => `${e.field}:${kindOf(e.message)}`).join(',') : null;
};

/**
 * A failed plain form post goes back to its form page, which explains the problem in its
 * language: `error=<slug>` for a refusal of the session form (409, 429…), `invalid=<field>:<kind>`
 * for each field of a 400 on the session or programme form, so the page marks those fields. Only
 * field names and kinds travel, never what was typed. `null`: the HTML problem page.
 */
export const registerPageWithError =
  (base: string) => (req: HttpRequest, problem: Pick<Problem, 'type' | 'status' | 'errors'>) => {
    const route = req.event.routeKey;
    const id = route === PROGRAMME_FORM ? req.params.programmeId : req.params.sessionId;
    if (!id || !SlugId.safeParse(id).success) return null;
    const query = new URLSearchParams(route === PROGRAMME_FORM ? { programme: id } : { session: id });
    if (formLang(req) === 'en') query.set('lang', 'en');
    if (problem.status === 400) {
      // Only the registration forms have fields the page can mark.
      const invalid = route === SESSION_FORM || route === PROGRAMME_FORM ? invalidParam(problem) : null;
      if (invalid === null) return null;
      query.set('invalid', invalid);
    } else if (route === PROGRAMME_FORM) {
      return null;
    } else {
      query.set('error', problem.type.split('/').pop() ?? 'error');
    }
    return `${base}/${route === PROGRAMME_FORM ? 'register-programme' : 'register'}.html?${query.toString()}`;
  };

/** The public API function: its routes behind the one middy chain. */
export function createPublicApiHandler(deps: PublicApiDeps, options: { originSecret?: string } = {}) {
  return httpApiHandler(dispatchTable('public-api', publicApi, deps), {
    ...options,
    browserFormErrorLocation: (req, problem) => registerPageWithError(deps.publicBaseUrl)(req, problem),
  });
}

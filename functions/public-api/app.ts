import { SlugId } from '../../shared/domain/schemas';
import { httpApiHandler } from '../../shared/http/middleware';
import type { Problem } from '../../shared/http/problem';
import { publicApi } from '../../shared/http/public/api';
import type { PublicApiDeps } from '../../shared/http/public/deps';
import { dispatchTable } from '../../shared/http/route';
import type { HttpRequest } from '../../shared/http/types';

/** A field the form page can mark (`name`, `answers.<questionId>`…); the page checks it again. */
const FIELD = /^[\w.-]{1,100}$/;

/** What kind of problem a field has, so the page can say it in its language; never the value. */
const kindOf = (message: string): string =>
  /required|must be given/i.test(message) ? 'required' : /at most|characters/i.test(message) ? 'long' : 'invalid';

/**
 * A failed plain form post goes back to its form page, which explains the problem in its
 * language (`lang=en` when the form's hidden `lang` field says so): `error=<slug>` for a refusal
 * (409, 429…), `invalid=<field>:<kind>,…` for the fields of a 400 of the session or programme
 * registration form, so the page marks them. Only field names and kinds travel, never what was
 * typed. `null`: the HTML problem page. The programme form is the one with a `programmeId`; the
 * session form the one with a `sessionId` and no token (the person page's routes have one).
 */
export const registerPageWithError =
  (base: string) => (req: HttpRequest, problem: Pick<Problem, 'type' | 'status' | 'errors'>) => {
    const { programmeId, sessionId, token } = req.params;
    const id = programmeId ?? sessionId;
    if (!id || !SlugId.safeParse(id).success) return null;
    const query = new URLSearchParams(programmeId ? { programme: id } : { session: id });
    if (/(^|&)lang=en(&|$)/.test(req.rawBody ?? '')) query.set('lang', 'en');
    if (problem.status === 400) {
      const fields = token ? [] : (problem.errors ?? []).filter((e) => FIELD.test(e.field));
      if (fields.length === 0) return null;
      query.set('invalid', fields.map((e) => `${e.field}:${kindOf(e.message)}`).join(','));
    } else if (programmeId) {
      return null;
    } else {
      query.set('error', problem.type.split('/').pop() ?? 'error');
    }
    return `${base}/register${programmeId ? '-programme' : ''}.html?${query}`;
  };

/** The public API function: its routes behind the one middy chain. */
export function createPublicApiHandler(deps: PublicApiDeps, options: { originSecret?: string } = {}) {
  return httpApiHandler(dispatchTable('public-api', publicApi, deps), {
    ...options,
    browserFormErrorLocation: (req, problem) => registerPageWithError(deps.publicBaseUrl)(req, problem),
  });
}

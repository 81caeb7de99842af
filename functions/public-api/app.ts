import { SlugId } from '../../shared/domain/schemas';
import { httpApiHandler } from '../../shared/http/middleware';
import { publicApi } from '../../shared/http/public/api';
import type { PublicApiDeps } from '../../shared/http/public/deps';
import { dispatchTable } from '../../shared/http/route';
import type { HttpRequest } from '../../shared/http/types';

/** A failed plain form post goes back to the register page, which explains the problem in its language. */
export const registerPageWithError = (base: string) => (req: HttpRequest, problem: { type: string }) => {
  const sessionId = req.params.sessionId;
  if (!sessionId || !SlugId.safeParse(sessionId).success) return null;
  const slug = problem.type.split('/').pop() ?? 'error';
  return `${base}/register.html?session=${encodeURIComponent(sessionId)}&error=${encodeURIComponent(slug)}`;
};

/** The public API function: its routes behind the one middy chain. */
export function createPublicApiHandler(deps: PublicApiDeps, options: { originSecret?: string } = {}) {
  return httpApiHandler(dispatchTable('public-api', publicApi, deps), {
    ...options,
    browserFormErrorLocation: (req, problem) => registerPageWithError(deps.publicBaseUrl)(req, problem),
  });
}

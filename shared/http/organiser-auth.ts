import type { Organiser } from '../domain/audit';
import { Forbidden, Unauthorized } from '../domain/errors';
import type { HttpEvent } from './types';

/** The Cognito group whose members may use the organiser API. */
export const ORGANISER_GROUP = 'organisers';

type Claims = Record<string, unknown>;

/** The JWT claims API Gateway's JWT authorizer (or the local one) put on the event, if any. */
export function jwtClaims(event: HttpEvent): Claims | null {
  const ctx = event.requestContext as unknown as { authorizer?: { jwt?: { claims?: unknown } } };
  const claims = ctx.authorizer?.jwt?.claims;
  return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Claims) : null;
}

/**
 * Group names from `cognito:groups`, in the two forms the claim really takes: an array (a verified
 * token's payload) or API Gateway's flattening of it, `[organisers other]` (names joined by single
 * spaces; Cognito group names hold no whitespace). Nothing else is split or decoded, so a group named
 * `staff,organisers` or `"organisers"` stays that one name and never matches `organisers`.
 */
export function parseGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  if (typeof value !== 'string') return [];
  const flattened = /^\[(.*)\]$/s.exec(value);
  if (!flattened) return [];
  return (flattened[1] ?? '').split(' ').filter((g) => g !== '');
}

/**
 * Who is calling, from the verified token's claims. The authorizer in front has already checked
 * signature, issuer, audience and expiry; here: no claims → 401, not in the group → 403.
 */
export function organiserFrom(event: HttpEvent): Organiser {
  const claims = jwtClaims(event);
  const sub = claims?.sub;
  if (!claims || typeof sub !== 'string' || sub === '') throw new Unauthorized('A valid organiser token is required.');
  if (!parseGroups(claims['cognito:groups']).includes(ORGANISER_GROUP)) {
    throw new Forbidden(`Only members of the ${ORGANISER_GROUP} group may do this.`);
  }
  const email = claims.email;
  return { sub, email: typeof email === 'string' && email !== '' ? email : null };
}

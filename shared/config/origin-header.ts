/**
 * The header CloudFront adds to every request it forwards to the HTTP API (infra/stacks/stateless/
 * hosting.ts) and the API functions require (shared/http/origin-check.ts): named once for both.
 * CloudFront overwrites a viewer's header of the same name, so only requests that came through the
 * distribution (and its WAF) carry the right value.
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

import { Duration, Fn, type Stack } from 'aws-cdk-lib';
import { HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy } from 'aws-cdk-lib/aws-cloudfront';

/**
 * The security headers CloudFront adds to what the site serves. Our pages run no inline script or
 * style (the widget adopts its stylesheet through CSSOM, web/src/app.ts), so the CSPs have no
 * 'unsafe-inline'; they match what web/serve.ts sends on the local stack.
 */

/** Two years, as hstspreload.org asks; no includeSubDomains, the organiser's other names are not ours to pin. */
const HSTS = { accessControlMaxAge: Duration.days(730), includeSubdomains: false, override: true };

/** The public pages: scripts, styles and API calls from this origin only (the API is under /api). */
export const PAGES_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * The console also talks to Cognito: discovery and JWKS at the issuer, the token endpoint on the
 * managed-login domain; sign-out is a navigation there. Never framed (clickjacking of organiser actions).
 */
export const consoleCsp = (origins: ConsoleOrigins): string =>
  Fn.join('', [
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; ",
    "connect-src 'self' ",
    origins.issuerOrigin,
    ' ',
    origins.signInUrl,
    "; form-action 'self' ",
    origins.signInUrl,
    "; base-uri 'none'; frame-ancestors 'none'; object-src 'none'",
  ]);

export interface ConsoleOrigins {
  /** `https://cognito-idp.<region>.amazonaws.com`: discovery and JWKS. */
  issuerOrigin: string;
  /** The managed-login domain: token endpoint and sign-out. */
  signInUrl: string;
}

export interface SiteHeaderPolicies {
  pages: ResponseHeadersPolicy;
  /** embed.js and embed.css, which other sites' pages load. */
  embed: ResponseHeadersPolicy;
  api: ResponseHeadersPolicy;
}

export function siteHeaderPolicies(scope: Stack): SiteHeaderPolicies {
  const pages = new ResponseHeadersPolicy(scope, 'PagesHeaders', {
    comment: 'Public pages: strict CSP, never framed, no referrer (their URLs carry manage tokens)',
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: PAGES_CSP, override: true },
      strictTransportSecurity: HSTS,
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
    },
  });
  const embed = new ResponseHeadersPolicy(scope, 'EmbedHeaders', {
    comment: 'The embed script and stylesheet, loaded by the sites that embed the form',
    securityHeadersBehavior: {
      strictTransportSecurity: HSTS,
      contentTypeOptions: { override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
    },
    customHeadersBehavior: {
      customHeaders: [{ header: 'Cross-Origin-Resource-Policy', value: 'cross-origin', override: true }],
    },
  });
  // The API sets its own content type and CORS headers; these only add what it does not.
  const api = new ResponseHeadersPolicy(scope, 'ApiHeaders', {
    comment: 'The HTTP API under /api',
    securityHeadersBehavior: {
      strictTransportSecurity: HSTS,
      contentTypeOptions: { override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: false },
    },
  });
  return { pages, embed, api };
}

export function consoleHeaderPolicy(scope: Stack, origins: ConsoleOrigins): ResponseHeadersPolicy {
  return new ResponseHeadersPolicy(scope, 'ConsoleHeaders', {
    comment: 'Organiser console: strict CSP allowing Cognito, never framed',
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: consoleCsp(origins), override: true },
      strictTransportSecurity: HSTS,
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
    },
  });
}

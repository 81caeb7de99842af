import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import { ORIGIN_VERIFY_HEADER } from '../config/origin-header';
import { Forbidden } from '../domain/errors';
import type { HttpEvent, HttpResult } from './types';

export { ORIGIN_VERIFY_HEADER };

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** True when the request carries the origin secret; compared in constant time. */
export function carriesOriginSecret(headers: HttpEvent['headers'], secret: string): boolean {
  const sent = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === ORIGIN_VERIFY_HEADER)?.[1];
  return typeof sent === 'string' && timingSafeEqual(digest(sent), digest(secret));
}

/**
 * Refuses, with 403 `forbidden`, a request that did not come through the site's CloudFront: one sent
 * to the execute-api endpoint directly would bypass the WAF. Without a secret (the local stack) it
 * lets everything through.
 */
export const originCheck = (secret: string | undefined): MiddlewareObj<HttpEvent, HttpResult> => ({
  before: (request) => {
    if (secret === undefined) return;
    if (!carriesOriginSecret(request.event.headers, secret)) {
      throw new Forbidden('Use the API at the site address (…/api), not the API Gateway endpoint.');
    }
  },
});

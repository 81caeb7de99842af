/**
 * CloudFront Functions (cloudfront-js-2.0) that run on viewer requests. Kept as source text
 * here so a test can run them on sample events.
 */

/**
 * The API's routes have no /api prefix (the execute-api URL, the local stack and sites that embed
 * the form call them as they are), so the prefix exists only at the edge and is removed here.
 */
export const STRIP_API_PREFIX = `function handler(event) {
  var request = event.request;
  request.uri = request.uri.replace(/^\\/api(?=\\/|$)/, '') || '/';
  return request;
}`;

/**
 * The console is a single-page app: its own paths (/console/callback, /console/sessions/…) are
 * served its index.html; files (anything with an extension) are served as they are.
 */
export const CONSOLE_ROUTES = `function handler(event) {
  var request = event.request;
  if (!/\\.[A-Za-z0-9]+$/.test(request.uri)) request.uri = '/console/index.html';
  return request;
}`;

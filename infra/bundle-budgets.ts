import type { FunctionName } from '../shared/config/env-catalogue';

/**
 * Size of each function's deployed bundle (minified, infra/bundling.ts's options), in bytes.
 * `target` is what a cold start should cost (issue 17: 350 KB, the mailer 450 KB with its MIME
 * builder); `ceiling` is the size measured on 2026-12-01 plus 5–15 KB of room, which
 * test/infra/bundle-budgets.test.ts holds every bundle to, so a bundle cannot grow unnoticed. Raising
 * a ceiling is a decision to make in review with the figures of `npm run bench -- --only cold-start`;
 * lower it when a bundle shrinks.
 */
export interface BundleBudget {
  target: number;
  ceiling: number;
}

const KB = 1024;
const target = 350 * KB;

// Raised once on 2026-12-02, on purpose: the Secrets Manager client (the manage-token key read at cold
// start instead of from the environment) in admin-api, public-api and the mailer, and the QR code
// generator for check-in codes in the mailer and public-api. Measured then: admin-api 452.7 KB,
// public-api 617.0 KB, mailer 830.7 KB.
// Lowered on 2026-12-02 (issue 17) to what was measured after the cuts plus about 10 KB: calendar
// times without Luxon, the QR PNG without the renderer and pngjs, and the calendar and OpenAPI routes
// in a function of their own (public-documents). Measured: admin-api 452.8, dispatcher 406.6, mailer
// 724.4, planner 395.2, public-api 411.2, public-documents 558.8, retention 384.2, stream-publisher 324.9 KB.
// public-documents carries every route's schemas for the OpenAPI document; its calendar routes are the
// ones a cold start matters for.
// Raised on 2026-12-02 after merging programme registration and the reach report: the person's
// calendar feed (GET /people/{token}/calendar.ics) brings ical-generator and the zone database back
// into public-api, the access-needs and reach routes add to admin-api, and every new route's schemas
// to the OpenAPI document. Measured: admin-api 473.3, public-api 504.2, public-documents 589.9 KB.
// Lowered again on 2026-12-02 for public-api: the person's feed moved to public-documents
// (shared/http/public/person-feed.ts), so public-api bundles no calendar code again. Measured:
// public-api 431.5 KB (133.4 KB gzip), public-documents 612.1 KB (191.5 KB gzip; the feed adds the
// person lookup and the registration reads).
// Raised on 2026-12-02 after merging address confirmation and the "to arrange" summary: the hold
// and confirmation mails, the summary mail and its access-needs reads in the mailer, the hold-expiry
// firing in the dispatcher, the hold and people items in retention. Measured: dispatcher 415.2,
// mailer 750.2, retention 395.1 KB. The mailer is 300 KB over its target (issue 17).
// Raised on 2026-12-02 for the person link on request (issue 14): POST /people/requests, the
// person's export and erasure (GET /people/{token}/export, POST /people/{token}/erase) with their
// use case and the link-request and erase writes in the people store, also in public-documents,
// which carries every route for the OpenAPI document. public-api had 0.4 KB left under its
// ceiling before. Measured before: public-api 441.6, public-documents 620.4 KB; after: public-api
// 447.0, public-documents 626.0, mailer 754.4 KB.
// Raised on 2026-12-02 for public-documents (issue 18): it now checks the origin secret like the two
// API functions, and fetches it at cold start with the same Secrets Manager client (docs/benchmarks.md:
// kept, 13 KB). Measured with the person-link routes above merged: public-documents 626.0 KB before,
// 640.6 KB (200.0 KB gzip) after.
// Lowered on 2026-12-03 (issue 17) to what was measured plus about 10 KB, after two cuts: the OpenAPI
// document generated at build time and served from a file beside the public-documents bundle (that
// function no longer bundles the other functions' routes or the JSON Schema conversion), and every
// schema on zod/mini instead of classic zod (about 57 KB less in every function). Measured (gzip in
// brackets): admin-api 420.0 (133.3), dispatcher 358.9 (112.6), mailer 697.7 (204.6), planner 341.4
// (108.8), public-api 390.9 (122.0), public-documents 411.0 (127.2), retention 339.2 (107.1),
// stream-publisher 271.0 (88.6) KB.
// Raised on 2026-12-03 for public-api (issue 14, follower offers): the take-seat page and its POST
// (GET|POST /people/{token}/offers/{sessionId}) with its use case and the shared server-rendered
// page, merged after the cuts above (and the group commit of registrations). Measured: public-api
// 395.2 KB before, 401.7 KB (125.7 KB gzip)
// after; the mailer (the offer fan-out and mail) 706.5 KB, within its ceiling.
// Raised on 2026-12-03 after merging the waiting list's end game (issue 16): the offer, lapse and
// close mails in the mailer, the offer routes (GET/POST /registrations/{token}/offer) in public-api,
// the offer-expiry firing and the close schedule in the dispatcher, the offer's reads and writes in
// every function that holds the registration store, the waitlist settings in the programme schema.
// Measured after (gzip in brackets): admin-api 428.9 (139.0), dispatcher 371.2 (118.9), mailer
// 714.8 (213.9), planner 345.5 (112.9), public-api 409.5 (130.8), public-documents 419.5 (170.8 with
// the OpenAPI file beside it), retention 348.7 (112.3), stream-publisher 272.6 (91.1) KB.
// Lowered on 2026-12-03 (issue 17) to what was measured plus about 8–10 KB, after two cuts: the
// registration reader (reads and the attendance read) in the mailer, public-documents and retention,
// and the reads with the cancellation in the dispatcher, so their bundles leave out placement, offers
// and promotion; and the mailer's MIME type table, a small file beside its bundle instead of
// nodemailer's 74 KB one (infra/bundling.ts, `functionExternals`). Measured (gzip -9 in brackets,
// with the files beside the bundle): dispatcher 358.1 (112.8), mailer 626.9 (187.9), public-documents
// 398.5 (161.3), retention 329.7 (104.8) KB; admin-api 429.5, planner 346.2, public-api 410.0 and
// stream-publisher 272.6 KB kept their ceilings.
// Raised on 2026-12-03 for public-api (issue 16, the placement queue): it sends each registration to
// the placement queue (the SQS client) and waits for its outcome. The new placement consumer holds
// the group commit and the outcome items only. The outcome item in the group commit adds about 2 KB
// to every function holding the registration store. Measured (gzip in brackets): public-api 409.5
// before, 440.0 (134.3) after; placement 325.9 (103.6) KB.
// Lowered on 2026-12-04 (issue 17): the feedback window in a module of its own (the planner and the
// dispatcher carried the feedback schemas and views for it), the offer claim (the public API's part)
// apart from the offer expiry (the dispatcher carried the registration use case for it), and the
// date, time and location schemas where the event catalogue can take them without the programme
// schema. Measured: dispatcher 346.1 (within its target; its ceiling is the target now), placement
// 316.9, planner 332.1, stream-publisher 260.1 KB; admin-api 432.8, public-api 443.4 (the address
// check in the registration transaction), mailer 627.7, public-documents 398.6 and retention 330.3 KB
// kept their ceilings.
export const bundleBudgets: Record<FunctionName, BundleBudget> = {
  'admin-api': { target, ceiling: 438 * KB },
  dispatcher: { target, ceiling: target },
  mailer: { target: 450 * KB, ceiling: 636 * KB },
  planner: { target, ceiling: 342 * KB },
  'public-api': { target, ceiling: 448 * KB },
  placement: { target, ceiling: 326 * KB },
  'public-documents': { target, ceiling: 428 * KB },
  retention: { target, ceiling: 356 * KB },
  'stream-publisher': { target, ceiling: 270 * KB },
};

/** Import time target: a function's cold import at most this many times its SDK floor's. */
export const importRatioTarget = 1.25;

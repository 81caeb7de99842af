import { AdminRegistrationView, toAdminRegistrationView } from '../../domain/admin-views';
import { RegistrationRequest } from '../../domain/schemas';
import * as z from '../../domain/zod';
import { checkIn, markRestAbsent, undoCheckIn } from '../../usecases/organiser/check-in';
import { registerWalkIn } from '../../usecases/organiser/walk-in';
import { JSON_BODY_ONLY, problems } from '../openapi';
import { AdminSessionParams, RegistrationId } from '../path-params';
import { organiserRoute } from '../route';
import type { AdminApiDeps } from './deps';
import { ok } from './deps';

/** One of the two: the scanned or typed code, or the id of a name tapped in the list. */
export const CheckInRequest = z.union([
  z.strictObject({ code: z.string().check(z.minLength(1), z.maxLength(200)) }),
  z.strictObject({ registrationId: RegistrationId }),
]);

/** The registration fields minus consent and honeypot: the organiser asks at the door. */
export const WalkInRequest = z.strictObject(z.omit(RegistrationRequest, { consent: true, website: true }).shape);

const CheckInParams = z.extend(AdminSessionParams, { registrationId: RegistrationId });

const CheckInAnswer = z.object({ registration: AdminRegistrationView, alreadyCheckedIn: z.boolean() });

export const checkInRoutes = [
  organiserRoute({
    method: 'POST',
    path: '/admin/sessions/{id}/check-ins',
    params: AdminSessionParams,
    notFound: 'session',
    body: CheckInRequest,
    bodyMediaTypes: JSON_BODY_ONLY,
    summary: 'Check someone in at the door, by check-in code (the QR) or registration id; idempotent',
    description:
      'A repeat answers 200 with `alreadyCheckedIn: true` and records nothing, so an offline queue may replay ' +
      'its marks safely. An unknown or forged code is 404; a code of another session 409 `wrong-session`; a ' +
      'waiting or cancelled registration 409.',
    responses: {
      '200': { description: 'Present', schema: CheckInAnswer },
      ...problems(400, 401, 403, 404, 409, 413, 415),
    },
    handle: async ({ params, body, organiser }, deps: AdminApiDeps) => {
      const r = await checkIn(deps, organiser, params.id, body);
      return ok({
        registration: toAdminRegistrationView(r.registration, null, r.attendance),
        alreadyCheckedIn: r.alreadyCheckedIn,
      });
    },
  }),
  organiserRoute({
    method: 'DELETE',
    path: '/admin/sessions/{id}/check-ins/{registrationId}',
    params: CheckInParams,
    notFound: 'registration',
    summary: 'Undo a check-in: the registration has no attendance record again (repeating it is harmless)',
    responses: {
      '200': {
        description: 'Undone',
        schema: z.object({ registration: AdminRegistrationView, changed: z.boolean() }),
      },
      ...problems(401, 403, 404),
    },
    handle: async ({ params, organiser }, deps: AdminApiDeps) => {
      const r = await undoCheckIn(deps, organiser, params.id, params.registrationId);
      return ok({ registration: toAdminRegistrationView(r.registration, null, null), changed: r.changed });
    },
  }),
  organiserRoute({
    method: 'POST',
    path: '/admin/sessions/{id}/walk-ins',
    params: AdminSessionParams,
    notFound: 'session',
    body: WalkInRequest,
    bodyMediaTypes: JSON_BODY_ONLY,
    summary: 'Register someone at the door and check them in in one step (counted as a walk-in)',
    description:
      'Works after registration has closed and when the session is full (capacity rises by one). The ' +
      'confirmation mail with the manage link follows as for any registration. 409 `already-registered` when ' +
      'the address already holds a registration for the session: check that one in instead.',
    responses: {
      '201': { description: 'Registered and present', schema: z.object({ registration: AdminRegistrationView }) },
      ...problems(400, 401, 403, 404, 409, 413, 415),
    },
    handle: async ({ params, body, organiser }, deps: AdminApiDeps) => {
      const r = await registerWalkIn(deps, organiser, params.id, body);
      return ok({ registration: toAdminRegistrationView(r.registration, null, r.attendance) }, 201);
    },
  }),
  organiserRoute({
    method: 'POST',
    path: '/admin/sessions/{id}/absences',
    params: AdminSessionParams,
    notFound: 'session',
    summary: 'The door closes: every confirmed registrant not checked in is recorded absent',
    responses: {
      '200': {
        description: 'How many were marked absent now, and how many are present',
        schema: z.object({ marked: z.number().check(z.int()), present: z.number().check(z.int()) }),
      },
      ...problems(401, 403, 404, 409),
    },
    handle: async ({ params, organiser }, deps: AdminApiDeps) => ok(await markRestAbsent(deps, organiser, params.id)),
  }),
];

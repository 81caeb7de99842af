import { SlugId } from './schema-primitives';
import { RegistrationRequest } from './schemas';
import * as z from './zod';

/** The sessions asked for: ids of the programme's sessions, or `"all"` (every session still open). */
export const SessionChoice = z.union(
  [
    z.literal('all'),
    z
      .array(SlugId, { error: 'must be a list of session ids, or "all"' })
      .check(
        z.minLength(1, { message: 'must name at least one session' }),
        z.maxLength(100, { message: 'must name at most 100 sessions' }),
      ),
  ],
  {
    error: (iss) =>
      iss.input === undefined ? 'is required: name at least one session' : 'must be a list of session ids, or "all"',
  },
);
export type SessionChoice = z.infer<typeof SessionChoice>;

const checkbox = z.pipe(
  z.union([z.boolean(), z.enum(['on', 'true', 'false', 'off', ''])], {
    error: 'must be true or false, or "on" from a checkbox',
  }),
  z.transform((v) => v === true || v === 'on' || v === 'true'),
);

/** `POST /programmes/{programmeId}/registrations`: the registration fields once, for many sessions. */
export const ProgrammeRegistrationRequest = z.extend(RegistrationRequest, {
  sessions: SessionChoice,
  /** Also: one mail with a link to take a seat when a session is added or its time becomes known. */
  follow: z._default(checkbox, false),
});
export type ProgrammeRegistrationRequest = z.infer<typeof ProgrammeRegistrationRequest>;

/** `POST /people/{token}/registrations`: more sessions, with the details of the person's registrations. */
export const AddSessionsRequest = z.object({ sessions: SessionChoice });
export type AddSessionsRequest = z.infer<typeof AddSessionsRequest>;

/** `POST /people/{token}/following`. */
export const FollowingRequest = z.object({ following: checkbox });

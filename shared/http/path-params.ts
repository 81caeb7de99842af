import { SlugId } from '../domain/schemas';
import * as z from '../domain/zod';

/** Registration ids are UUIDs (randomUUID); anything else cannot exist. */
export const RegistrationId = z
  .string()
  .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/));

export const SessionIdParams = z.object({ sessionId: SlugId });
export const ProgrammeIdParams = z.object({ programmeId: SlugId });
/**
 * A link's token (manage, feedback): base64url, with the dots a feedback token carries. Anything
 * else, or longer than any token issued, cannot exist; the use case answers 404 for one it does
 * not know.
 */
export const TokenParams = z.object({ token: z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,128}$/)) });

export const AdminSessionParams = z.object({ id: SlugId });
export const AdminRegistrationParams = z.object({ id: RegistrationId });

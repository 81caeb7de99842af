import { ORGANISER_GROUP } from '../../shared/http/organiser-auth';

/** A user of the local user pool: what Cognito would hold, with the password in the clear (local only). */
export interface LocalUser {
  /** The sign-in name; the pool signs in by email, as the deployed one does. */
  username: string;
  password: string;
  /** Base32 TOTP secret: MFA is required in AWS, so the local sign-in asks for a code too. */
  totpSecret: string;
  sub: string;
  email: string;
  groups: string[];
}

/**
 * The fixed test organiser `npm start` prints. Fixed so an authenticator app set up once keeps
 * working; never valid anywhere but the local stack.
 */
export const LOCAL_TEST_ORGANISER: LocalUser = {
  username: 'organisator@example.org',
  password: 'Lokaal-Wachtwoord-2027!',
  totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  sub: '00000000-0000-4000-8000-00000000000a',
  email: 'organisator@example.org',
  groups: [ORGANISER_GROUP],
};

import type { MailerDeps, MailOutcome } from './deps';
import { mailRegistrant } from './mail-registrant';

type RegistrationRef = { registrationId: string; sessionId: string };

/**
 * A new registration: the confirmation request while its seat is only held, otherwise the usual
 * mail. Each is its own ledger entry (`address-confirmation#once`, `registration-confirmed#once`),
 * and `applicable` lets exactly one of them through for the registration's state.
 */
export async function mailNewRegistration(
  deps: MailerDeps,
  ref: RegistrationRef,
  usual: 'registration-confirmed' | 'registration-waitlisted',
): Promise<MailOutcome> {
  const request = await mailRegistrant(deps, { ...ref, kind: 'address-confirmation', occasion: 'once' });
  if (request.result !== 'skipped' || request.why !== 'not-applicable') return request;
  return mailRegistrant(deps, { ...ref, kind: usual, occasion: 'once' });
}

/**
 * The click ended the hold: the usual mail for the registration as it is now (confirmed with the
 * invite, promoted meanwhile, or waiting). Its ledger entry is the one the registration would have
 * had without a hold, so a registration never gets two confirmations.
 */
export async function mailAfterConfirmation(deps: MailerDeps, ref: RegistrationRef): Promise<MailOutcome> {
  const reg = await deps.registrations.get(ref.sessionId, ref.registrationId);
  if (!reg || reg.anonymisedAt) return { result: 'skipped', why: 'registration-gone' };
  if (reg.status === 'waitlisted') {
    return mailRegistrant(deps, { ...ref, kind: 'registration-waitlisted', occasion: 'once' });
  }
  const kind = reg.promotedFromWaitlist ? 'registration-promoted' : 'registration-confirmed';
  return mailRegistrant(deps, { ...ref, kind, occasion: 'once' });
}

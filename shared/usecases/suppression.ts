import { emailKey } from '../domain/identity';
import type { Registration } from '../domain/model';
import * as z from '../domain/zod';
import { log } from '../log';
import type { HoldRepository } from '../ports/holds';
import type { SuppressionRepository } from '../ports/suppressions';

/**
 * SES configuration-set events as they arrive on EventBridge (detail-type "Email Bounced" or
 * "Email Complaint Received", source aws.ses): the detail is SES's event record. Only what we
 * use is checked; the rest may vary.
 */
const Recipient = z.looseObject({ emailAddress: z.string().check(z.minLength(3)) });
export const SesFeedbackDetail = z.discriminatedUnion('eventType', [
  z.looseObject({
    eventType: z.literal('Bounce'),
    bounce: z.looseObject({ bounceType: z.string(), bouncedRecipients: z.array(Recipient).check(z.minLength(1)) }),
    mail: z.looseObject({ messageId: z.string() }),
  }),
  z.looseObject({
    eventType: z.literal('Complaint'),
    complaint: z.looseObject({ complainedRecipients: z.array(Recipient).check(z.minLength(1)) }),
    mail: z.looseObject({ messageId: z.string() }),
  }),
]);
export type SesFeedbackDetail = z.infer<typeof SesFeedbackDetail>;

/** `"Name" <a@b>` or `a@b` → `a@b`. */
const bareAddress = (s: string) => /<([^>]+)>/.exec(s)?.[1] ?? s;

/**
 * A permanent bounce or a complaint suppresses the address: no mail goes to it any more. A
 * transient bounce (mailbox full, greylisting) does not; SES retries those itself.
 */
export async function handleSesFeedback(
  deps: { suppressions: SuppressionRepository; holds?: Pick<HoldRepository, 'heldForAddress' | 'release'> },
  detail: SesFeedbackDetail,
  at: Date,
): Promise<{ suppressed: number; released?: number }> {
  if (detail.eventType === 'Bounce' && detail.bounce.bounceType !== 'Permanent') {
    log('info', 'transient bounce ignored', { messageId: detail.mail.messageId, bounceType: detail.bounce.bounceType });
    return { suppressed: 0 };
  }
  const recipients =
    detail.eventType === 'Bounce' ? detail.bounce.bouncedRecipients : detail.complaint.complainedRecipients;
  const reason = detail.eventType === 'Bounce' ? 'bounce' : 'complaint';
  let released = 0;
  for (const r of recipients) {
    const emailHash = emailKey(bareAddress(r.emailAddress));
    await deps.suppressions.suppress(emailHash, reason, at);
    // While a hold stands, the confirmation request is the only mail its address gets
    // (usecases/mail/applicable.ts): a hard bounce now is that request's, and the seat goes at once.
    if (reason === 'bounce' && deps.holds) {
      for (const held of await deps.holds.heldForAddress(emailHash)) {
        if ((await deps.holds.release(held, at, 'address-bounced')).changed) released++;
      }
    }
  }
  log('info', 'addresses suppressed', { messageId: detail.mail.messageId, reason, count: recipients.length, released });
  return { suppressed: recipients.length, released };
}

/** The organiser's view of registrations: each with whether mail can still reach its address. */
export async function withSuppressionFlags<R extends Pick<Registration, 'emailHash'>>(
  suppressions: SuppressionRepository,
  registrations: R[],
): Promise<Array<R & { suppressed: boolean }>> {
  const suppressed = await suppressions.suppressedAmong(registrations.map((r) => r.emailHash));
  return registrations.map((r) => ({ ...r, suppressed: suppressed.has(r.emailHash) }));
}

import { DEFAULT_LEASE_MS, type MailerDeps, MailInProgress, type MailOutcome } from './deps';

/**
 * One mail, at most once: claims the ledger entry (`key` / `entry`), runs `send` (which returns the
 * provider's message id) and marks the entry sent. An entry already sent is skipped; one another
 * attempt holds right now throws MailInProgress (the queue redelivers later); a send that fails
 * gives the claim back, so the retry need not wait for the lease.
 */
export async function sendOnce(
  deps: Pick<MailerDeps, 'ledger' | 'clock' | 'leaseMs'>,
  key: string,
  entry: string,
  send: (now: Date) => Promise<string>,
): Promise<MailOutcome> {
  const now = deps.clock.now();
  const claim = await deps.ledger.claim(key, entry, now, deps.leaseMs ?? DEFAULT_LEASE_MS);
  if (claim === 'already-sent') return { result: 'skipped', why: 'already-sent' };
  if (claim === 'in-progress') throw new MailInProgress(entry);
  let messageId: string;
  try {
    messageId = await send(now);
  } catch (e) {
    await deps.ledger.release(key, entry);
    throw e;
  }
  await deps.ledger.markSent(key, entry, messageId, deps.clock.now());
  return { result: 'sent', messageId };
}

/** A rendered mail: what composeAndSend puts in the message. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * Composes the MIME message from the organiser to one address, tagged with its ledger entry
 * (`X-Stadsgesprekken-Mail: <key>/<entry>`), and hands it to the sender; the provider's message id.
 */
export async function composeAndSend(
  deps: Pick<MailerDeps, 'compose' | 'sender' | 'organiser'>,
  mail: { to: { name: string; address: string }; content: RenderedMail; ledgerRef: string; date: Date },
): Promise<string> {
  const raw = await deps.compose({
    from: { name: deps.organiser.name, address: deps.organiser.email },
    to: mail.to,
    subject: mail.content.subject,
    text: mail.content.text,
    html: mail.content.html,
    headers: { 'X-Stadsgesprekken-Mail': mail.ledgerRef },
    date: mail.date,
  });
  return (await deps.sender.sendRaw({ from: deps.organiser.email, to: mail.to.address, raw })).messageId;
}

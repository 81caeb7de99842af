import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import type { MailSender } from '../../ports/mail-sender';
import { retrying, type Sleep } from '../../reliability/retry';

export interface SesSenderOptions {
  configurationSet?: string | undefined;
  /** Attempts per message, the first included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  sleep?: Sleep;
}

const RETRYABLE_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalServerError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/** Throttling, 5xx and connection trouble are worth another attempt; a rejected message is not. */
export function isRetryableSendError(e: unknown): boolean {
  const err = e as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  if (err?.$retryable) return true;
  if (err?.name && RETRYABLE_NAMES.has(err.name)) return true;
  if (err?.code && RETRYABLE_CODES.has(err.code)) return true;
  const status = err?.$metadata?.httpStatusCode;
  return typeof status === 'number' && (status >= 500 || status === 429);
}

/**
 * SES SendRawEmail. Retrying is done here, once, with capped exponential backoff and jitter (the
 * client's own retries are off so the two do not multiply). When the attempts run out the error
 * goes up: the queue message is then retried and, in the end, dead-lettered.
 */
export function createSesSender(client: Pick<SESClient, 'send'>, opts: SesSenderOptions = {}): MailSender {
  const retry = {
    maxAttempts: opts.maxAttempts ?? 5,
    retryable: isRetryableSendError,
    policy: { baseMs: opts.baseDelayMs ?? 100, capMs: 5000, jitter: 'equal' as const },
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
  };
  return {
    sendRaw: ({ from, to, raw }) =>
      retrying(async () => {
        const out = await client.send(
          new SendRawEmailCommand({
            Source: from,
            Destinations: [to],
            RawMessage: { Data: raw },
            ...(opts.configurationSet ? { ConfigurationSetName: opts.configurationSet } : {}),
          }),
        );
        if (!out.MessageId) throw new Error('SES answered without a MessageId');
        return { messageId: out.MessageId };
      }, retry),
  };
}

/** The production client; locally `endpoint` points at the SES emulator. */
export function createSesClient(opts: { endpoint?: string | undefined; region?: string } = {}): SESClient {
  return new SESClient({
    region: opts.region ?? process.env.AWS_REGION ?? 'eu-west-1',
    maxAttempts: 1,
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
}

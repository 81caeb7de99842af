import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type MailQueuePort, SEND_BATCH_LIMIT } from '../../ports/mail-queue';

/** SendMessageBatch to the mail queue; the entries SQS did not accept are reported as failed. */
export function createSqsMailQueue(client: Pick<SQSClient, 'send'>, queueUrl: string): MailQueuePort {
  return {
    async sendBatch(entries) {
      if (entries.length === 0) return { failed: [] };
      if (entries.length > SEND_BATCH_LIMIT) throw new Error(`SendMessageBatch takes at most ${SEND_BATCH_LIMIT}`);
      const out = await client.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: entries.map((e) => ({ Id: e.id, MessageBody: e.body })),
        }),
      );
      return { failed: (out.Failed ?? []).map((f) => f.Id ?? '').filter(Boolean) };
    },
  };
}

export const createSqsClient = (): SQSClient => new SQSClient({});

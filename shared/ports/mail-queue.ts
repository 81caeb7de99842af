/**
 * The mail queue as the dispatcher writes to it: SQS SendMessageBatch in AWS
 * (shared/adapters/sqs/mail-queue.ts), the local queue in process. At most ten messages a call;
 * the answer names the entries that were not accepted (to be sent again).
 */
export const SEND_BATCH_LIMIT = 10;

export interface MailQueuePort {
  sendBatch(entries: Array<{ id: string; body: string }>): Promise<{ failed: string[] }>;
}

import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type PlacementQueue, placementMessageBody } from '../../ports/placement-queue';

/**
 * SendMessage to the placement queue (SQS FIFO): the session is the message group, so one
 * consumer places a session's registrations in order; the registration id is the deduplication
 * id, so an SDK retry of the same send is dropped by SQS.
 */
export function createSqsPlacementQueue(client: Pick<SQSClient, 'send'>, queueUrl: string): PlacementQueue {
  return {
    async send(message) {
      await client.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: placementMessageBody(message),
          MessageGroupId: message.reg.sessionId,
          MessageDeduplicationId: message.reg.id,
        }),
      );
    },
  };
}

import { SesFeedbackDetail } from '../usecases/suppression';
import { type DomainEvent, describeIssues, InvalidEvent, parseEventDetail } from './catalogue';

/** What EventBridge writes into a queue message when a rule targets an SQS queue. */
export interface QueuedBusEvent {
  id?: string;
  source: string;
  'detail-type': string;
  detail: unknown;
}

/** A queue message: one of our events, or an SES bounce/complaint forwarded to the project bus. */
export type QueuedMessage =
  | { kind: 'domain'; event: DomainEvent }
  | { kind: 'ses-feedback'; detail: SesFeedbackDetail; time: Date };

/** Reads and validates a queue message body; throws InvalidEvent when it is not a known event. */
export function parseQueuedEvent(body: string): QueuedMessage {
  let parsed: QueuedBusEvent;
  try {
    parsed = JSON.parse(body) as QueuedBusEvent;
  } catch {
    throw new InvalidEvent('(unparseable)', ['message body is not JSON']);
  }
  if (typeof parsed !== 'object' || parsed === null || typeof parsed['detail-type'] !== 'string') {
    throw new InvalidEvent('(unknown)', ['message body is not an EventBridge event']);
  }
  if (parsed.source === 'aws.ses') {
    const r = SesFeedbackDetail.safeParse(parsed.detail);
    if (!r.success) {
      throw new InvalidEvent(parsed['detail-type'], describeIssues(r.error));
    }
    const time = new Date(String((parsed as { time?: unknown }).time ?? ''));
    return { kind: 'ses-feedback', detail: r.data, time: Number.isNaN(time.getTime()) ? new Date() : time };
  }
  return { kind: 'domain', event: parseEventDetail(String(parsed.source), parsed['detail-type'], parsed.detail) };
}

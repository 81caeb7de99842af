import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type EntryResult, type EventPublisher, PUT_EVENTS_LIMIT } from '../../ports/event-publisher';

/** The bus port over PutEvents: one call per batch of at most ten, a result per entry. */
export function createEventBridgePublisher(
  client: Pick<EventBridgeClient, 'send'>,
  eventBusName: string,
): EventPublisher {
  return {
    async put(entries) {
      if (entries.length > PUT_EVENTS_LIMIT) throw new Error(`PutEvents takes at most ${PUT_EVENTS_LIMIT} entries`);
      const out = await client.send(
        new PutEventsCommand({
          Entries: entries.map((e) => ({
            EventBusName: eventBusName,
            Source: e.source,
            DetailType: e.detailType,
            Detail: e.detail,
            Time: e.time,
          })),
        }),
      );
      return entries.map((_, i): EntryResult => {
        const r = out.Entries?.[i];
        if (r?.EventId && !r.ErrorCode) return { ok: true };
        return { ok: false, errorCode: r?.ErrorCode ?? 'Missing', errorMessage: r?.ErrorMessage ?? 'no result entry' };
      });
    },
  };
}

export const createEventBridgeClient = (region = process.env.AWS_REGION ?? 'eu-west-1') =>
  new EventBridgeClient({ region });

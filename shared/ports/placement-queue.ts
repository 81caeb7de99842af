import type { NewRegistration } from './registrations';

/**
 * The placement queue (docs/contention-model.md, "The placement queue"): a session's registrations
 * are placed one group after another by one consumer, instead of by every API container at once
 * against the session's counter item. In AWS an SQS FIFO queue with the session as message group
 * (shared/adapters/sqs/placement-queue.ts); locally the FIFO stand-in (local/fifo-queue.ts).
 */
export interface PlacementMessage {
  /** The registration as the API built it (its id is the queue's deduplication id). */
  reg: NewRegistration;
  /** The request's time, ISO: the placement is judged as of then (closing time, hold expiry). */
  now: string;
  /**
   * Epoch ms after which the API no longer waits: the consumer places nothing after it and the API
   * withdraws the registration, so a 503 always means "not stored".
   */
  answerBy: number;
}

export interface PlacementQueue {
  send(message: PlacementMessage): Promise<void>;
}

/** Why the consumer refused a registration: the errors the direct path throws, by name. */
export type PlacementRefusal = 'already-registered' | 'session-cancelled' | 'registration-closed' | 'session-not-found';

export type PlacementOutcome =
  | {
      outcome: 'placed';
      status: 'confirmed' | 'waitlisted';
      waitlistSeq: number | null;
      confirmedAt: string | null;
      waitlistPosition: number | null;
      /** Set when a registration sent as held proved confirmed for the programme and was placed so. */
      addressConfirmedAt?: string;
    }
  | { outcome: 'refused'; reason: PlacementRefusal; existingRegistrationId?: string }
  | { outcome: 'withdrawn' };

/** Outcomes by registration id; each is decided once, by the first writer (shared/adapters/dynamodb/registrations/placement-outcomes.ts). */
export interface PlacementOutcomes {
  get(registrationId: string): Promise<PlacementOutcome | null>;
  /** Records a refusal unless an outcome stands; answers the outcome that stands. */
  refuse(
    registrationId: string,
    reason: PlacementRefusal,
    now: Date,
    existingRegistrationId?: string,
  ): Promise<PlacementOutcome | null>;
  /** The API stops waiting: withdrawn unless an outcome stands; answers the outcome that stands. */
  withdraw(registrationId: string, now: Date): Promise<PlacementOutcome | null>;
}

/** The message body, as JSON (dates as ISO strings, as NewRegistration already holds them). */
export const placementMessageBody = (m: PlacementMessage): string => JSON.stringify(m);

/** A message body as the API wrote it; throws on anything else (the message then reaches the dead-letter queue). */
export function parsePlacementMessage(body: string): PlacementMessage {
  const m = JSON.parse(body) as Partial<PlacementMessage> | null;
  const reg = m?.reg as Partial<NewRegistration> | undefined;
  const ok =
    typeof m?.now === 'string' &&
    !Number.isNaN(Date.parse(m.now)) &&
    typeof m.answerBy === 'number' &&
    typeof reg?.id === 'string' &&
    typeof reg.sessionId === 'string' &&
    typeof reg.emailHash === 'string' &&
    typeof reg.tokenHash === 'string';
  if (!ok) throw new Error('placement message: not a registration as the API sends it');
  return m as PlacementMessage;
}

import {
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ThrottlingException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import type { FieldError } from '../domain/errors';
import {
  AlreadyRegistered,
  Conflict,
  ContentionExhausted,
  Forbidden,
  Gone,
  NotFound,
  PayloadTooLarge,
  RateLimited,
  RegistrationClosed,
  SessionCancelled,
  Unauthorized,
  UnsupportedMediaType,
  ValidationFailed,
} from '../domain/errors';

/** RFC 9457 problem details. `type` is a relative reference, resolved against the API's own URL. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

const problem = (slug: string, status: number, title: string, detail: string, errors?: FieldError[]): Problem => ({
  type: `/problems/${slug}`,
  title,
  status,
  detail,
  ...(errors ? { errors } : {}),
});

/**
 * The handler ran out of time (middy's early timeout, just before Lambda's own). The work may
 * still complete in the background, so the answer says a retry is safe, not that nothing happened:
 * every write route is safe to repeat (a repeated registration answers 409 and mails the manage
 * link, cancelling and feedback are idempotent).
 */
export class DeadlineReached extends Error {
  constructor() {
    super('the handler reached its deadline before it could answer');
    this.name = 'DeadlineReached';
  }
}

/**
 * DynamoDB errors that mean "too busy right now", raised once the SDK's own retries are spent:
 * matched by the SDK's exception classes, never by name strings. (A TransactionCanceledException
 * whose reason is a conflict is retried by the adapters and ends as ContentionExhausted.)
 */
const transientDynamoDbErrors = [
  ProvisionedThroughputExceededException,
  ThrottlingException,
  RequestLimitExceeded,
  TransactionConflictException,
] as const;

/** Whether an error is a passing infrastructure condition: the client gets 503 and Retry-After, not 500. */
export const isTransientInfrastructureError = (error: unknown): boolean =>
  error instanceof DeadlineReached || transientDynamoDbErrors.some((cls) => error instanceof cls);

/** Seconds a client is asked to wait before retrying a 503 `busy` (the Retry-After header). */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** Response headers a problem carries besides its body: Retry-After for 503 `busy`. */
export const problemHeaders = (p: Problem): Record<string, string> =>
  p.status === 503 ? { 'retry-after': String(BUSY_RETRY_AFTER_SECONDS) } : {};

const busy = (detail: string) => problem('busy', 503, 'Busy', detail);

/**
 * The one place where errors become HTTP answers, by `instanceof`. Anything unknown is a 500
 * whose detail says nothing about internals; passing infrastructure trouble is a 503 `busy`.
 */
export function toProblem(error: unknown): Problem {
  if (error instanceof ValidationFailed)
    return problem('validation-error', 400, 'Invalid request', error.detail, error.errors);
  if (error instanceof NotFound) return problem('not-found', 404, 'Not found', `The ${error.what} does not exist.`);
  if (error instanceof AlreadyRegistered)
    return problem(
      'already-registered',
      409,
      'Already registered',
      'This email address is already registered for this session. Use the manage link in your confirmation email.',
    );
  if (error instanceof RegistrationClosed)
    return problem('registration-closed', 409, 'Registration closed', 'Registration for this session is closed.');
  if (error instanceof SessionCancelled)
    return problem('session-cancelled', 409, 'Session cancelled', 'This session has been cancelled.');
  if (error instanceof Conflict) return problem(error.slug, 409, 'Conflict', error.message);
  if (error instanceof Gone) return problem(error.slug, 410, 'Gone', error.message);
  if (error instanceof PayloadTooLarge) return problem('payload-too-large', 413, 'Payload too large', error.message);
  if (error instanceof UnsupportedMediaType)
    return problem('unsupported-media-type', 415, 'Unsupported media type', error.message);
  if (error instanceof Unauthorized)
    return problem('unauthorized', 401, 'Unauthorized', error.message || 'A valid bearer token is required.');
  if (error instanceof Forbidden)
    return problem('forbidden', 403, 'Forbidden', error.message || 'You are not allowed to do this.');
  if (error instanceof RateLimited)
    return problem('rate-limited', 429, 'Too many requests', error.message || 'Please slow down and retry later.');
  if (error instanceof ContentionExhausted || isTransientInfrastructureError(error)) {
    return error instanceof DeadlineReached
      ? busy('The service took too long to answer; it may have done what you asked. Retrying is safe.')
      : busy('The service is very busy right now; please retry in a moment.');
  }
  return problem('internal-error', 500, 'Internal error', 'Something went wrong on our side; it has been logged.');
}

/**
 * Typed domain errors. They are mapped to problem details in exactly one place
 * (shared/http/problem.ts), by `instanceof`.
 */
export abstract class DomainError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldError {
  field: string;
  message: string;
}

export class ValidationFailed extends DomainError {
  constructor(
    readonly errors: FieldError[],
    readonly detail = 'The request has invalid fields.',
  ) {
    super(detail);
  }
}

export class NotFound extends DomainError {
  constructor(readonly what: string) {
    super(`${what} not found`);
  }
}

export class AlreadyRegistered extends DomainError {
  constructor(readonly sessionId: string) {
    super('This email address is already registered for this session.');
  }
}

export class RegistrationClosed extends DomainError {
  constructor(readonly sessionId: string) {
    super('Registration for this session is closed.');
  }
}

export class SessionCancelled extends DomainError {
  constructor(readonly sessionId: string) {
    super('This session has been cancelled.');
  }
}

/** A state conflict that is not one of the specific ones above (e.g. lowering capacity below the confirmed count). */
export class Conflict extends DomainError {
  constructor(
    readonly slug: string,
    message: string,
  ) {
    super(message);
  }
}

/** Something that was on offer for a while and no longer is (410): an offer from the waiting list whose time is up. */
export class Gone extends DomainError {
  constructor(
    readonly slug: string,
    message: string,
  ) {
    super(message);
  }
}

export class PayloadTooLarge extends DomainError {
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes.`);
  }
}

export class UnsupportedMediaType extends DomainError {
  constructor(readonly contentType: string | undefined) {
    super(
      contentType
        ? `Content type ${contentType} is not supported; send application/json or application/x-www-form-urlencoded.`
        : 'A content type is required; send application/json or application/x-www-form-urlencoded.',
    );
  }
}

export class Unauthorized extends DomainError {}
export class Forbidden extends DomainError {}
export class RateLimited extends DomainError {}

/** Optimistic concurrency gave up after its retries; the request may be retried safely. */
export class ContentionExhausted extends DomainError {
  constructor(readonly operation: string) {
    super(`Too much contention on ${operation}; please retry.`);
  }
}

import { describe, expect, it } from 'vitest';
import { AdminSessionCreate } from '../../shared/domain/admin-schemas';
import { ValidationFailed } from '../../shared/domain/errors';
import { parseBody } from '../../shared/http/body';

// The deployed schemas are zod/mini's, which sets no locale of its own: shared/domain/zod.ts sets
// English, so a field without a message of its own still says what is wrong (not "Invalid input").
const errorsOf = (body: unknown) => {
  try {
    parseBody({ headers: { 'content-type': 'application/json' }, rawBody: JSON.stringify(body) }, AdminSessionCreate);
  } catch (e) {
    if (e instanceof ValidationFailed) return e.errors;
    throw e;
  }
  throw new Error('the body was accepted');
};

describe("zod's default messages in the problem details", () => {
  const session = {
    programmeId: 'p',
    id: 's',
    kind: 'reflection',
    title: { nl: 'Titel' },
    date: '2027-03-03',
  };

  it('names the expected type of a field that has no message of its own', () => {
    expect(errorsOf({ ...session, capacity: 'twenty' })).toEqual([
      { field: 'capacity', message: 'Invalid input: expected number, received string' },
    ]);
  });

  it('names the bound a number breaks, and a whole number where a fraction was sent', () => {
    expect(errorsOf({ ...session, capacity: 0 })).toEqual([
      { field: 'capacity', message: 'Too small: expected number to be >=1' },
    ]);
    expect(errorsOf({ ...session, capacity: 1.5 })).toEqual([
      { field: 'capacity', message: 'Invalid input: expected int, received number' },
    ]);
  });
});

import type * as z from 'zod';
import { ValidationFailed } from '../domain/errors';
import { fieldErrors, requiredMessage } from './body';
import type { HttpRequest } from './types';

/** Validates query parameters with a schema; errors name the parameter. */
export function parseQuery<S extends z.ZodType>(req: HttpRequest, schema: S): z.output<S> {
  const result = schema.safeParse(req.query, { error: requiredMessage });
  if (!result.success) throw new ValidationFailed(fieldErrors(result.error), 'The query has invalid parameters.');
  return result.data;
}

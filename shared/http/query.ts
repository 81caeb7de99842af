import { ValidationFailed } from '../domain/errors';
import * as z from '../domain/zod';
import { fieldErrors, requiredMessage } from './body';
import type { HttpRequest } from './types';

/** Validates query parameters with a schema; errors name the parameter. */
export function parseQuery<S extends z.core.$ZodType>(req: HttpRequest, schema: S): z.output<S> {
  const result = z.safeParse(schema, req.query, { error: requiredMessage });
  if (!result.success) throw new ValidationFailed(fieldErrors(result.error), 'The query has invalid parameters.');
  return result.data;
}

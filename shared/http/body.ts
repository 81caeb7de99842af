import { type FieldError, PayloadTooLarge, UnsupportedMediaType, ValidationFailed } from '../domain/errors';
import * as z from '../domain/zod';
import { formFields } from './form-fields';
import type { HttpRequest } from './types';

export const MAX_BODY_BYTES = 16 * 1024;

export type BodyKind = 'json' | 'form';

/** Which of our two accepted media types a request uses; anything else is a 415. */
export function bodyKind(contentType: string | undefined): BodyKind {
  const [type = '', ...params] = (contentType ?? '').split(';').map((p) => p.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset && !['utf-8', 'utf8', 'us-ascii'].includes(charset)) throw new UnsupportedMediaType(contentType);
  if (type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'))) return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  throw new UnsupportedMediaType(contentType || undefined);
}

export function assertBodySize(rawBody: string | undefined): void {
  if (rawBody !== undefined && Buffer.byteLength(rawBody, 'utf8') > MAX_BODY_BYTES)
    throw new PayloadTooLarge(MAX_BODY_BYTES);
}

function decode(req: Pick<HttpRequest, 'headers' | 'rawBody'>): unknown {
  const raw = req.rawBody ?? '';
  if (raw.trim() === '') return {};
  const kind = bodyKind(req.headers['content-type']);
  if (kind === 'form') {
    return formFields(raw);
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new ValidationFailed(
      [{ field: 'body', message: 'is not valid JSON' }],
      'The request body is not valid JSON.',
    );
  }
}

const pathToField = (path: PropertyKey[]): string => (path.length === 0 ? 'body' : path.map(String).join('.'));

/** Field errors from a zod failure: one per field, the first message, with "is required" for missing ones. */
export function fieldErrors(error: z.core.$ZodError): FieldError[] {
  const seen = new Map<string, FieldError>();
  for (const issue of error.issues) {
    const field = pathToField(issue.path);
    if (!seen.has(field)) seen.set(field, { field, message: issue.message });
  }
  return [...seen.values()];
}

export const requiredMessage = (iss: { input?: unknown }): string | undefined =>
  iss.input === undefined ? 'is required' : undefined;

/** Decodes (JSON or form) and validates a request body; errors name the field. */
export function parseBody<S extends z.core.$ZodType>(
  req: Pick<HttpRequest, 'headers' | 'rawBody'>,
  schema: S,
): z.output<S> {
  if (req.headers['content-type'] !== undefined || (req.rawBody ?? '').trim() !== '') {
    bodyKind(req.headers['content-type']);
  }
  const data = decode(req);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ValidationFailed(
      [{ field: 'body', message: 'must be a JSON object' }],
      'The request body must be an object.',
    );
  }
  const result = z.safeParse(schema, data, { error: requiredMessage });
  if (!result.success) throw new ValidationFailed(fieldErrors(result.error));
  return result.data;
}

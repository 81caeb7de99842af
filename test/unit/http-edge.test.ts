import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { matchRoute } from '../../local/http-adapter';
import {
  AlreadyRegistered,
  NotFound,
  PayloadTooLarge,
  RegistrationClosed,
  SessionCancelled,
  UnsupportedMediaType,
  ValidationFailed,
} from '../../shared/domain/errors';
import { bodyKind, parseBody } from '../../shared/http/body';
import { toProblem } from '../../shared/http/problem';
import { publicRoutes } from '../../shared/http/route-specs';
import type { HttpRequest } from '../../shared/http/types';

const req = (rawBody: string | undefined, contentType?: string): HttpRequest => ({
  event: {} as HttpRequest['event'],
  params: {},
  query: {},
  headers: contentType ? { 'content-type': contentType } : {},
  rawBody,
});
const Schema = z.object({ name: z.string(), n: z.coerce.number().optional() });

describe('body decoding', () => {
  it('knows JSON (also +json and with charset) and HTML forms; everything else is a 415', () => {
    expect(bodyKind('application/json; charset=UTF-8')).toBe('json');
    expect(bodyKind('application/merge-patch+json')).toBe('json');
    expect(bodyKind('application/x-www-form-urlencoded')).toBe('form');
    expect(() => bodyKind('multipart/form-data; boundary=x')).toThrow(UnsupportedMediaType);
    expect(() => bodyKind(undefined)).toThrow(UnsupportedMediaType);
    expect(() => bodyKind('application/json; charset=latin1')).toThrow(UnsupportedMediaType);
  });

  it('decodes form fields, the last of repeated ones winning', () => {
    expect(parseBody(req('name=a&name=J%C3%B6rg+B', 'application/x-www-form-urlencoded'), Schema)).toEqual({
      name: 'Jörg B',
    });
  });

  it('turns malformed JSON, non-objects and schema failures into field errors', () => {
    const fields = (r: HttpRequest) => {
      try {
        parseBody(r, Schema);
        return [];
      } catch (e) {
        return (e as ValidationFailed).errors.map((x) => x.field);
      }
    };
    expect(fields(req('{', 'application/json'))).toEqual(['body']);
    expect(fields(req('"x"', 'application/json'))).toEqual(['body']);
    expect(fields(req('null', 'application/json'))).toEqual(['body']);
    expect(fields(req('{"name": 5}', 'application/json'))).toEqual(['name']);
    expect(fields(req(undefined))).toEqual(['name']);
  });

  it('survives deeply nested JSON without crashing', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(() => parseBody(req(deep, 'application/json'), Schema)).toThrow(ValidationFailed);
  });
});

describe('problem details', () => {
  it.each([
    [new ValidationFailed([{ field: 'email', message: 'x' }]), 400, 'validation-error'],
    [new NotFound('session'), 404, 'not-found'],
    [new AlreadyRegistered('s'), 409, 'already-registered'],
    [new RegistrationClosed('s'), 409, 'registration-closed'],
    [new SessionCancelled('s'), 409, 'session-cancelled'],
    [new PayloadTooLarge(16384), 413, 'payload-too-large'],
    [new UnsupportedMediaType('text/plain'), 415, 'unsupported-media-type'],
  ])('maps %s by its class', (error, status, slug) => {
    expect(toProblem(error)).toMatchObject({ status, type: `/problems/${slug}` });
  });

  it('says nothing of internals for unknown errors, and is not fooled by a look-alike name', () => {
    const p = toProblem(Object.assign(new Error('ConditionalCheckFailed on pk=SESSION#x'), { name: 'NotFound' }));
    expect(p.status).toBe(500);
    expect(p.detail).not.toContain('SESSION');
  });
});

describe('local route matching', () => {
  it('prefers literal paths and decodes parameters', () => {
    expect(matchRoute(publicRoutes, 'GET', '/calendar.ics')).toMatchObject({ spec: { path: '/calendar.ics' } });
    expect(matchRoute(publicRoutes, 'GET', '/sessions/a%20b/calendar.ics')).toMatchObject({
      spec: { path: '/sessions/{sessionId}/calendar.ics' },
      pathParameters: { sessionId: 'a b' },
    });
  });

  it('tells an unknown path from a known path with another method', () => {
    expect(matchRoute(publicRoutes, 'GET', '/nope')).toBeNull();
    expect(matchRoute(publicRoutes, 'PUT', '/sessions')).toBe('method-not-allowed');
  });
});

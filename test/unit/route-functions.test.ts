import { describe, expect, it } from 'vitest';
import { adminApi } from '../../shared/http/admin/api';
import { allRoutes } from '../../shared/http/api-routes';
import { publicApi } from '../../shared/http/public/api';
import { publicDocuments } from '../../shared/http/public/documents';
import { dispatchTable, routeKey } from '../../shared/http/route';

describe('which function serves a route', () => {
  it('is the one whose list holds it: public-api, public-documents, admin-api', () => {
    expect(new Set(publicApi.map((r) => r.fn))).toEqual(new Set(['public-api']));
    expect(new Set(publicDocuments.map((r) => r.fn))).toEqual(new Set(['public-documents']));
    expect(new Set(adminApi.map((r) => r.fn))).toEqual(new Set(['admin-api']));
  });

  it('puts the calendar files (the person feed too) and the OpenAPI document in public-documents, registration in public-api', () => {
    const fnOf = (key: string) => allRoutes().find((r) => routeKey(r) === key)?.fn;

    expect(fnOf('GET /calendar.ics')).toBe('public-documents');
    expect(fnOf('GET /sessions/{sessionId}/calendar.ics')).toBe('public-documents');
    expect(fnOf('GET /openapi.json')).toBe('public-documents');
    expect(fnOf('GET /people/{token}/calendar.ics')).toBe('public-documents');
    expect(fnOf('GET /people/{token}')).toBe('public-api');
    expect(fnOf('GET /sessions/{sessionId}')).toBe('public-api');
    expect(allRoutes()).toHaveLength(publicApi.length + publicDocuments.length + adminApi.length);
  });

  it('refuses at start-up a route another function serves (control: its own list is accepted)', () => {
    const deps = {} as never;

    expect(() => dispatchTable('public-api', publicApi, deps)).not.toThrow();
    expect(() => dispatchTable('public-api', [...publicApi, ...publicDocuments] as typeof publicApi, deps)).toThrow(
      /belongs to public-documents, not public-api/,
    );
    expect(() => dispatchTable('public-documents', adminApi, deps)).toThrow(/belongs to admin-api/);
  });
});

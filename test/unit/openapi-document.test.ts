import { describe, expect, it } from 'vitest';
import { committedOpenApiDocument, generateOpenApiDocument } from '../../infra/openapi-document';

// GET /openapi.json serves the committed file (shared/http/public/openapi.json); it must be what the
// route objects and their schemas generate now.
describe('the OpenAPI document generated at build time', () => {
  it('is in sync with the routes (run `npm run openapi` after changing a route or a schema)', () => {
    expect(committedOpenApiDocument()).toBe(generateOpenApiDocument());
  });

  it('documents every route of both APIs and no server, which the function adds from its configuration', () => {
    const doc = JSON.parse(committedOpenApiDocument()) as { openapi: string; servers?: unknown; paths: object };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toBeUndefined();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/openapi.json', '/sessions/{sessionId}/registrations', '/admin/sessions']),
    );
  });
});

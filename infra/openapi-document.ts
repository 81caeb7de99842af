import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildOpenApi } from '../shared/http/openapi';
import { apiRoutes } from '../shared/http/route-specs';
import { repoRoot } from './bundling';

/**
 * `npm run openapi`: writes the OpenAPI document of both APIs, generated from the route objects and
 * their validating schemas (shared/http/openapi.ts), to shared/http/public/openapi.json. The file is
 * committed: `GET /openapi.json` serves it (shared/http/public/documents.ts), the bundling copies it
 * beside the public-documents bundle (infra/bundling.ts, `functionAssets`), and
 * test/unit/openapi-document.test.ts fails while it differs from what the routes generate now. So no
 * function converts schemas to JSON Schema, at start-up or on request, and none carries the other
 * functions' routes for it.
 */

export const openApiFile = join(repoRoot, 'shared', 'http', 'public', 'openapi.json');

/** The document as the file holds it: without `servers`, which the function adds from its configuration. */
export const generateOpenApiDocument = (): string => `${JSON.stringify(buildOpenApi(apiRoutes()), null, 2)}\n`;

export const committedOpenApiDocument = (): string => readFileSync(openApiFile, 'utf8');

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  writeFileSync(openApiFile, generateOpenApiDocument());
  console.log(`wrote ${relative(repoRoot, openApiFile)}`);
}

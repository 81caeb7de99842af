import * as z from '../domain/zod';
import type { ResponseDoc, RouteDocs, RouteSpec } from './route';

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().check(z.int()),
  detail: z.string(),
  errors: z.optional(z.array(z.object({ field: z.string(), message: z.string() }))),
});

/** Problem-details answers (RFC 9457) under the given status codes. */
export const problems = (...codes: number[]): Record<string, ResponseDoc> =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      { description: 'Problem details (RFC 9457)', schema: ProblemSchema, contentType: 'application/problem+json' },
    ]),
  );

export const JSON_BODY_ONLY = ['application/json'];

const operationId = (r: RouteSpec) =>
  `${r.method.toLowerCase()}${r.path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`;

function parameters(r: RouteSpec & RouteDocs): Record<string, unknown>[] {
  const path = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => {
    const name = m[1] as string;
    const schema = r.params?.shape[name] as z.ZodMiniType | undefined;
    return { name, in: 'path', required: true, schema: schema ? jsonSchema(schema, 'input') : { type: 'string' } };
  });
  const query = Object.entries(r.query?.shape ?? {}).map(([name, schema]) => {
    const description = r.queryDescriptions?.[name];
    return {
      name,
      in: 'query',
      required: false,
      schema: jsonSchema(schema as z.ZodMiniType, 'input'),
      ...(description ? { description } : {}),
    };
  });
  return [...path, ...query];
}

const responses = (docs: Record<string, ResponseDoc>) =>
  Object.fromEntries(
    Object.entries(docs).map(([code, res]) => [
      code,
      {
        description: res.description,
        ...(res.schema
          ? { content: { [res.contentType ?? 'application/json']: { schema: jsonSchema(res.schema, 'output') } } }
          : res.contentType
            ? { content: { [res.contentType]: {} } }
            : {}),
      },
    ]),
  );

const requestBody = (body: z.ZodMiniType, mediaTypes: string[]) => ({
  required: true,
  content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: jsonSchema(body, 'input') }])),
});

/**
 * The OpenAPI 3.1 document, generated from the route objects and the same zod schemas that
 * validate requests (zod's JSON Schema output is OpenAPI 3.1's dialect).
 */
export function buildOpenApi(routes: readonly (RouteSpec & RouteDocs)[], serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const params = parameters(r);
    paths[r.path] ??= {};
    (paths[r.path] as Record<string, unknown>)[r.method.toLowerCase()] = {
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      operationId: operationId(r),
      ...(params.length ? { parameters: params } : {}),
      ...(r.auth === 'organiser' ? { security: [{ organiserJwt: [] }] } : {}),
      ...(r.body
        ? {
            requestBody: requestBody(
              r.body,
              r.bodyMediaTypes ?? ['application/json', 'application/x-www-form-urlencoded'],
            ),
          }
        : {}),
      responses: responses(r.responses),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Stadsgesprekken registration API', version: '1.0.0' },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: { organiserJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}

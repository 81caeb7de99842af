import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, inject, it } from 'vitest';
import { adminApiDeps } from '../../functions/admin-api/deps';
import { BadProgrammeFile, loadProgramme, parseProgramme } from '../../local/programme';
import { ensureTables } from '../../local/tables';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { systemClock } from '../../shared/ports/clock';
import { aProgrammeFile, aSessionInput, uniqueId } from '../support/programme-builders';

const event = (
  routeKey: string,
  rawPath: string,
  extra: Partial<APIGatewayProxyEventV2> = {},
): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey,
  rawPath,
  rawQueryString: '',
  headers: { host: 'api.example.org', 'x-forwarded-proto': 'https' },
  isBase64Encoded: false,
  requestContext: {
    accountId: '1',
    apiId: 'a',
    domainName: 'api.example.org',
    domainPrefix: 'api',
    http: {
      method: routeKey.split(' ')[0] ?? 'GET',
      path: rawPath,
      protocol: 'HTTP/1.1',
      sourceIp: '203.0.113.9',
      userAgent: 't',
    },
    requestId: 'r',
    routeKey,
    stage: '$default',
    time: '',
    timeEpoch: 0,
  },
  ...extra,
});

describe('the deployed handler module (functions/public-api/handler.ts)', () => {
  it('reads its configuration at start-up and serves API Gateway v2 events', async () => {
    const endpoint = inject('dynamoEndpoint');
    const raw = new DynamoDBClient({
      endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    });
    const tables = await ensureTables(raw, `${uniqueId('lambda')}-`);
    const session = aSessionInput({ capacity: 5 });
    await loadProgramme(
      adminApiDeps(createDocumentClient({ endpoint }), tables, systemClock),
      aProgrammeFile([session]),
    );
    Object.assign(process.env, {
      SESSIONS_TABLE: tables.sessionsTable,
      REGISTRATIONS_TABLE: tables.registrationsTable,
      PUBLIC_BASE_URL: 'https://forms.example.org/',
      DYNAMODB_ENDPOINT: endpoint,
      MAIL_FROM: 'stadsgesprekken@example.org',
      MANAGE_TOKEN_SECRET: 'test-secret',
    });
    const { handler } = await import('../../functions/public-api/handler');
    const context = { getRemainingTimeInMillis: () => 10_000 } as Context;

    const got = await handler(
      event('GET /sessions/{sessionId}', `/sessions/${session.id}`, { pathParameters: { sessionId: session.id } }),
      context,
    );
    const body = JSON.stringify({ name: 'Ada', email: 'ada@example.org', role: 'other', consent: true });
    const posted = await handler(
      event('POST /sessions/{sessionId}/registrations', `/sessions/${session.id}/registrations`, {
        pathParameters: { sessionId: session.id },
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(body).toString('base64'),
        isBase64Encoded: true,
      }),
      context,
    );
    const unknown = await handler(event('GET /nope', '/nope'), context);

    expect(got.statusCode).toBe(200);
    expect(JSON.parse(got.body ?? '{}')).toMatchObject({ id: session.id, seatsLeft: 5 });
    expect(posted.statusCode).toBe(201);
    expect(JSON.parse(posted.body ?? '{}').manageUrl).toMatch(/^https:\/\/forms\.example\.org\/manage\.html\?token=/);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers?.['content-type']).toContain('application/problem+json');
  });

  it('fails fast, naming the variable, when configuration is missing', async () => {
    const { readPublicApiConfig, MissingConfiguration } = await import('../../shared/config/env');
    expect(() => readPublicApiConfig({ SESSIONS_TABLE: 'x' })).toThrow(MissingConfiguration);
    expect(() => readPublicApiConfig({ SESSIONS_TABLE: 'x' })).toThrow(/REGISTRATIONS_TABLE/);
  });

  it('refuses a bad programme file, naming the field', () => {
    const bad = {
      id: 'p',
      title: { nl: 'P' },
      sessions: [{ id: 's', kind: 'party', title: { nl: 'T' }, date: '2027-13-01' }],
    };
    expect(() => parseProgramme(bad, 'bad.json')).toThrow(BadProgrammeFile);
    expect(() => parseProgramme(bad, 'bad.json')).toThrow(/sessions\.0\.kind: must be one of/);
    expect(() => parseProgramme(bad, 'bad.json')).toThrow(/sessions\.0\.date/);
  });
});

import { inject } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack';
import type { ProgrammeFile } from '../../shared/domain/schemas';
import { ManualClock } from '../../shared/ports/clock';
import { uniqueId } from './programme-builders';

export interface TestApi {
  stack: LocalStack;
  clock: ManualClock;
  url(path: string): string;
  json(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>;
  post(path: string, body: unknown): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>;
}

/** The local HTTP stack (same handlers and middy chain as in Lambda) over fresh tables. */
export async function startTestApi(programme: ProgrammeFile, now = new Date('2027-01-15T10:00:00Z')): Promise<TestApi> {
  const clock = new ManualClock(now);
  const stack = await startLocalStack({
    dynamoDbEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `${uniqueId('h')}-`,
    programme,
    port: 0,
    clock,
  });
  const url = (path: string) => `${stack.apiUrl}${path}`;
  const json = async (path: string, init?: RequestInit) => {
    const res = await fetch(url(path), init);
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
  return {
    stack,
    clock,
    url,
    json,
    post: (path, body) =>
      json(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  };
}

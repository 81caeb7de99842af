import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { aProgrammeFile, aRegistrationRequest, aSessionInput, uniqueId } from '../support/programme-builders';

/** Erasure on request through the organiser API as deployed: local JWT authorizer, admin function, audit trail. */
describe('organiser erasure through the local HTTP stack', () => {
  let stack: LocalStack;
  let token: string;
  const session = aSessionInput({ date: '2099-03-03' });

  beforeAll(async () => {
    stack = await startLocalStack({
      dynamoDbEndpoint: inject('dynamoEndpoint'),
      tablePrefix: `${uniqueId('padm')}-`,
      programme: aProgrammeFile([session]),
    });
    token = await stack.auth.signToken({ sub: 'organiser-9', email: 'org@example.org' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const call = async (method: string, path: string, bearer: string | null = token, body?: unknown) => {
    const res = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  it('erases by address, frees the seat, notes it in the audit trail and the erasure list', async () => {
    const person = aRegistrationRequest({ organisation: 'Huisartsenpost Zuid' });
    const reg = await call('POST', `/sessions/${session.id}/registrations`, null, person);
    const id = (reg.json.registration as { id: string }).id;

    expect((await call('POST', `/admin/registrations/${id}/erase`, null)).status).toBe(401);
    const erased = await call('POST', `/admin/registrations/${id}/erase`);

    expect(erased.status).toBe(200);
    expect(erased.json.erasure).toMatchObject({ by: 'organiser:organiser-9', scope: 'address', cancelled: 1 });
    expect((await call('GET', `/sessions/${session.id}`, null)).json).toMatchObject({ seatsLeft: 40 });
    const month = (erased.json.erasure as { at: string }).at.slice(0, 7);
    const list = await call('GET', `/admin/erasures?month=${month}`);
    expect(list.json.erasures).toEqual([erased.json.erasure]);
    const audit = await call('GET', `/admin/audit?month=${month}`);
    expect(JSON.stringify(audit.json)).toContain('registration.erase');
    const rows = await call('GET', `/admin/sessions/${session.id}/registrations`);
    expect(JSON.stringify(rows.json)).not.toMatch(new RegExp(`${person.email}|Huisartsenpost|${person.name}`, 'i'));
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { checkInCode } from '../../shared/domain/check-in-code';
import type { ProgrammeFile } from '../../shared/domain/schemas';
import { aProgrammeFile, aRegistrationRequest, aSessionInput, uniqueId } from '../support/programme-builders';

const SECRET = 'check-in-test-secret';

/** Check-in at the door through the local HTTP stack against DynamoDB Local. */
describe('check-in routes (local HTTP stack, DynamoDB Local)', () => {
  let stack: LocalStack;
  let token: string;
  let programme: ProgrammeFile;
  const door = aSessionInput({ capacity: 2 });
  const other = aSessionInput();

  beforeAll(async () => {
    programme = aProgrammeFile([door, other]);
    stack = await startLocalStack({
      dynamoDbEndpoint: inject('dynamoEndpoint'),
      tablePrefix: `${uniqueId('chk')}-`,
      programme,
      manageTokenSecret: SECRET,
    });
    token = await stack.auth.signToken({ sub: 'door-volunteer', email: 'door@example.org' });
  });
  afterAll(async () => stack?.stop());

  const call = async (method: string, path: string, body?: unknown, bearer: string | null = token) => {
    const res = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };

  const register = async (sessionId: string) => {
    const r = await call('POST', `/sessions/${sessionId}/registrations`, aRegistrationRequest(), null);
    expect(r.status).toBe(201);
    return r.json as { registration: { id: string; status: string }; manageToken: string };
  };

  const participation = async (sessionId: string) => {
    const r = await call('GET', '/admin/reports/participation');
    return r.json.sessions.find((s: { sessionId: string }) => s.sessionId === sessionId);
  };

  it('gives a confirmed registrant a check-in code that is not the manage token', async () => {
    const { registration, manageToken } = await register(other.id);
    const r = await call('GET', `/registrations/${manageToken}`, undefined, null);
    expect(r.json.checkInCode).toBe(checkInCode(SECRET, registration.id));
    expect(r.json.checkInCode).not.toContain(manageToken);
    expect((await call('GET', `/registrations/${r.json.checkInCode}`, undefined, null)).status).toBe(404);
  });

  it('checks in by code once, answers a repeat as already checked in, and undoes', async () => {
    const { registration, manageToken } = await register(door.id);
    const { json } = await call('GET', `/registrations/${manageToken}`, undefined, null);

    const first = await call('POST', `/admin/sessions/${door.id}/check-ins`, { code: json.checkInCode });
    const again = await call('POST', `/admin/sessions/${door.id}/check-ins`, { registrationId: registration.id });

    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ alreadyCheckedIn: false, registration: { attendance: { present: true } } });
    expect(again.json.alreadyCheckedIn).toBe(true);
    expect((await participation(door.id)).attended).toBe(1);

    const undo = await call('DELETE', `/admin/sessions/${door.id}/check-ins/${registration.id}`);
    expect(undo.json.changed).toBe(true);
    expect((await participation(door.id)).attended).toBe(0);
    expect((await call('DELETE', `/admin/sessions/${door.id}/check-ins/${registration.id}`)).json.changed).toBe(false);
  });

  it('refuses a forged code (404) and a code of another session (409 wrong-session)', async () => {
    const { registration } = await register(other.id);
    const forged = `${registration.id}.AAAAAAAAAAAA`;

    const refusedForged = await call('POST', `/admin/sessions/${other.id}/check-ins`, { code: forged });
    const refusedElsewhere = await call('POST', `/admin/sessions/${door.id}/check-ins`, {
      code: checkInCode(SECRET, registration.id),
    });

    expect(refusedForged.status).toBe(404);
    expect(refusedElsewhere.status).toBe(409);
    expect(refusedElsewhere.json.type).toMatch(/wrong-session$/);
  });

  it('registers a walk-in into a full session, and marks the rest absent when the door closes', async () => {
    const present = await register(door.id);
    await call('POST', `/admin/sessions/${door.id}/check-ins`, { registrationId: present.registration.id });

    const walkIn = await call('POST', `/admin/sessions/${door.id}/walk-ins`, {
      name: 'Door Guest',
      email: `${uniqueId('walk')}@example.org`,
      role: 'resident',
      language: 'en',
    });
    const closed = await call('POST', `/admin/sessions/${door.id}/absences`);

    expect(walkIn.status).toBe(201);
    expect(walkIn.json.registration).toMatchObject({
      status: 'confirmed',
      attendance: { present: true, walkIn: true },
    });
    expect(closed.json).toEqual({ marked: 1, present: 2 });
    expect(await participation(door.id)).toMatchObject({ confirmed: 3, attended: 2, absent: 1, walkIns: 1 });
    expect((await call('POST', `/admin/sessions/${door.id}/absences`)).json.marked).toBe(0);
  });

  it('keeps check-in behind the organiser token', async () => {
    expect((await call('POST', `/admin/sessions/${door.id}/absences`, undefined, null)).status).toBe(401);
  });
});

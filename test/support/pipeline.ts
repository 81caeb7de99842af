import { randomUUID } from 'node:crypto';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import type { BusEvent, LocalBus } from '../../local/bus';
import type { LocalPipeline } from '../../local/pipeline';
import type { SqsConsumer } from '../../local/queue';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../local/stack';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client';
import { createRegistrationRepository } from '../../shared/adapters/dynamodb/registrations';
import { createSessionRepository, sessionKeys } from '../../shared/adapters/dynamodb/sessions';
import type { Session } from '../../shared/domain/model';
import type { ProgrammeFile } from '../../shared/domain/schemas';
import { registrationClosesAt } from '../../shared/domain/session-rules';
import { uniqueId } from './programme-builders';

export const UID_DOMAIN = 'pipeline.test';

export interface PipelineStack extends LocalStack {
  pipeline: LocalPipeline;
}

/** The local stack with the event pipeline, on the run's DynamoDB Local and SES emulator. */
export async function startPipelineStack(
  programme: ProgrammeFile,
  pipeline: LocalStackOptions['pipeline'] = {},
  extra: Pick<LocalStackOptions, 'clock'> = {},
): Promise<PipelineStack> {
  const stack = await startLocalStack({
    dynamoDbEndpoint: inject('dynamoEndpoint'),
    sesEndpoint: inject('sesEndpoint'),
    tablePrefix: `${uniqueId('p')}-`,
    programme,
    uidDomain: UID_DOMAIN,
    manageTokenSecret: 'pipeline-test-secret',
    ...extra,
    pipeline: { visibilityTimeoutMs: 300, leaseMs: 5_000, sesRetryBaseDelayMs: 5, pollIntervalMs: 50, ...pipeline },
  });
  if (!stack.pipeline) throw new Error('the pipeline did not start');
  return stack as PipelineStack;
}

export interface StoredMail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: Array<{ contentType: string; content: string; filename?: string }>;
}

/** Mail the SES emulator holds for one address (the store is shared by every test). */
export async function mailsTo(address: string): Promise<StoredMail[]> {
  const res = await fetch(inject('sesStoreUrl'));
  const { emails } = (await res.json()) as { emails: StoredMail[] };
  const a = address.toLowerCase();
  // With a display name `"Name" <a@b>`; a mail to an unconfirmed address has none: `a@b`.
  return emails.filter((e) =>
    e.destination.to.some((t) => t.toLowerCase().includes(`<${a}>`) || t.toLowerCase() === a),
  );
}

/** Waits (polling the emulator, no fixed sleeps) until an address has at least `count` mails. */
export async function waitForMails(address: string, count: number, timeoutMs = 15_000): Promise<StoredMail[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const mails = await mailsTo(address);
    if (mails.length >= count) return mails;
    if (Date.now() > until) throw new Error(`expected ${count} mail(s) to ${address}, found ${mails.length}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The text/calendar part of a stored mail (the alternative part; the .ics attachment is the same). */
export function calendarOf(mail: StoredMail): string {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) throw new Error(`mail "${mail.subject}" has no calendar`);
  return Buffer.from(part.content, 'base64').toString('utf8');
}

/**
 * Changes a session the way the organiser API does: the new facts, version + 1, and the
 * registration deadline recomputed from them.
 */
export async function changeSession(
  stack: LocalStack,
  sessionId: string,
  current: Session,
  change: Partial<Pick<Session, 'date' | 'startTime' | 'endTime' | 'location' | 'status'>>,
): Promise<Session> {
  const next: Session = { ...current, ...change, version: current.version + 1, updatedAt: new Date().toISOString() };
  const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
  try {
    await db.send(
      new UpdateCommand({
        TableName: stack.tables.sessionsTable,
        Key: sessionKeys.session(sessionId),
        UpdateExpression:
          'SET #date = :date, startTime = :st, endTime = :et, #location = :loc, #status = :status, version = :v, updatedAt = :u, registrationClosesAt = :closes, gsi1sk = :gsi',
        ConditionExpression: 'version = :was',
        ExpressionAttributeNames: { '#date': 'date', '#location': 'location', '#status': 'status' },
        ExpressionAttributeValues: {
          ':date': next.date,
          ':st': next.startTime,
          ':et': next.endTime,
          ':loc': next.location,
          ':status': next.status,
          ':v': next.version,
          ':u': next.updatedAt,
          ':closes': registrationClosesAt(next),
          ':gsi': `${next.date}#${sessionId}`,
          ':was': current.version,
        },
      }),
    );
  } finally {
    db.destroy();
  }
  return next;
}

// --- helpers for driving the pipeline and checking what it stored (fault suites) ---

/** POST a registration as the web form's JSON client does. */
export async function registerVia(
  stack: LocalStack,
  sessionId: string,
  email: string,
): Promise<{ status: number; manageToken: string; registrationId: string }> {
  const res = await fetch(`${stack.apiUrl}/sessions/${sessionId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Noor de Vries', email, role: 'teacher', language: 'nl', consent: true }),
  });
  const body = (await res.json()) as { manageToken?: string; registration?: { id: string } };
  return { status: res.status, manageToken: body.manageToken ?? '', registrationId: body.registration?.id ?? '' };
}

export interface ProgrammeRegistered {
  status: number;
  registrations: Array<{ sessionId: string; manageToken: string }>;
  personToken: string | null;
}

/**
 * POST a registration on the programme form (JSON) for the chosen sessions, and confirm the
 * address through the first registration's link unless `confirm` is false.
 */
export async function registerForProgrammeVia(
  stack: LocalStack,
  programmeId: string,
  email: string,
  sessions: string[],
  opts: { confirm?: boolean; language?: string; follow?: boolean } = {},
): Promise<ProgrammeRegistered> {
  const res = await fetch(`${stack.apiUrl}/programmes/${programmeId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Noor de Vries',
      email,
      role: 'teacher',
      consent: true,
      language: opts.language ?? 'nl',
      sessions,
      ...(opts.follow === undefined ? {} : { follow: opts.follow }),
    }),
  });
  const body = (await res.json()) as Omit<ProgrammeRegistered, 'status'>;
  const token = body.registrations?.[0]?.manageToken;
  if (res.status === 201 && opts.confirm !== false && token) {
    const c = await fetch(`${stack.apiUrl}/registrations/${token}/address-confirmation`, { method: 'POST' });
    await c.arrayBuffer();
    if (c.status !== 200) throw new Error(`address confirmation answered ${c.status}`);
  }
  return { status: res.status, ...body };
}

export async function cancelVia(stack: LocalStack, manageToken: string): Promise<number> {
  const res = await fetch(`${stack.apiUrl}/registrations/${manageToken}/cancel`, { method: 'POST' });
  await res.arrayBuffer();
  return res.status;
}

/** The session as stored now (for changeSession). */
export async function storedSession(stack: LocalStack, sessionId: string): Promise<Session> {
  const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
  try {
    const session = await createSessionRepository(db, stack.tables.sessionsTable).get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    return session;
  } finally {
    db.destroy();
  }
}

/**
 * What is stored for a session, read with a clean client: its registrations by status and the
 * session's counters, so a test can check that nothing was lost or counted twice.
 */
export async function storedRegistrations(stack: LocalStack, sessionId: string) {
  const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
  try {
    const regs = await createRegistrationRepository(db, stack.tables).listForSession(sessionId);
    const session = await createSessionRepository(db, stack.tables.sessionsTable).get(sessionId);
    const by = (status: string) => regs.filter((r) => r.status === status).length;
    return {
      confirmed: by('confirmed'),
      waitlisted: by('waitlisted'),
      cancelled: by('cancelled'),
      confirmedCount: session?.confirmedCount,
      waitlistCount: session?.waitlistCount,
    };
  } finally {
    db.destroy();
  }
}

/** The mailer's send-ledger entries of one registration. */
export async function ledgerOf(stack: LocalStack, registrationId: string) {
  const db = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
  try {
    const out = await db.send(
      new QueryCommand({
        TableName: stack.tables.registrationsTable,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `MAIL#${registrationId}` },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map((i) => ({
      entry: String(i.sk),
      status: String(i.status),
      attempts: Number(i.attempts),
    }));
  } finally {
    db.destroy();
  }
}

/**
 * SQS delivers at least once: the mailer gets every batch twice, one after the other or both at
 * the same time (two pollers receiving the same message). A message counts as failed when either
 * delivery reports it, so SQS would show it again.
 */
export const deliverEveryBatchTwice =
  (mode: 'sequential' | 'concurrent') =>
  (mailer: SqsConsumer): SqsConsumer =>
  async (event) => {
    const responses =
      mode === 'concurrent'
        ? await Promise.all([mailer(event), mailer(event)])
        : [await mailer(event), await mailer(event)];
    const failed = new Set(responses.flatMap((r) => (r?.batchItemFailures ?? []).map((f) => f.itemIdentifier)));
    return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
  };

/**
 * EventBridge delivers at least once too: every event put on the local bus reaches its targets
 * twice, at the same time (a second copy with its own envelope id, the same event id inside).
 */
export function publishEveryEventTwice(bus: LocalBus): void {
  const deliverOnce = bus.deliver.bind(bus);
  bus.deliver = async (event: BusEvent) => {
    await Promise.all([deliverOnce(event), deliverOnce({ ...event, id: randomUUID() })]);
  };
}

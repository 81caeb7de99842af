import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Attendance } from '../../../domain/attendance';
import type { Registration } from '../../../domain/model';
import { withRetentionApplied } from '../../../domain/privacy';
import type { Clock } from '../../../ports/clock';

/**
 * Keys of the registrations table, defined once.
 * - registration:  SESSION#<sessionId> / REG#<registrationId>   (queueKey orders the session's list)
 * - email guard:   SESSION#<sessionId> / EMAIL#<emailHash>       (one live registration per address)
 * - manage token:  TOKEN#<tokenHash>   / TOKEN                    (token → registration, strongly consistent)
 */
export const registrationKeys = {
  registration: (sessionId: string, registrationId: string) => ({
    pk: `SESSION#${sessionId}`,
    sk: `REG#${registrationId}`,
  }),
  emailGuard: (sessionId: string, emailHash: string) => ({ pk: `SESSION#${sessionId}`, sk: `EMAIL#${emailHash}` }),
  token: (tokenHash: string) => ({ pk: `TOKEN#${tokenHash}`, sk: 'TOKEN' }),
  /** An address confirmed for a programme (holds.ts), by hash only. */
  addressConfirmation: (programmeId: string, emailHash: string) => ({
    pk: `ADDRESS#${programmeId}#${emailHash}`,
    sk: 'CONFIRMED',
  }),
  queue: {
    waitlisted: (seq: number) => `W#${String(seq).padStart(12, '0')}`,
    confirmed: (at: string, id: string) => `C#${at}#${id}`,
    offered: (at: string, id: string) => `O#${at}#${id}`,
    cancelled: (at: string, id: string) => `X#${at}#${id}`,
  },
};

/** The tables and settings every part of the registration repository works with. */
export interface RegistrationStore {
  db: DynamoDBDocumentClient;
  sessionsTable: string;
  registrationsTable: string;
  clock: Clock;
  maxAttempts: number;
  /** An item as a registration, as of the store's clock. */
  read(item: Record<string, unknown>): Registration;
}

type RegistrationItem = Registration & {
  pk: string;
  sk: string;
  type: 'registration';
  queueKey: string;
  registrationId: string;
  tokenHash: string;
};

export const toRegistrationItem = (r: Registration, tokenHash: string, queueKey: string): RegistrationItem => ({
  ...r,
  ...registrationKeys.registration(r.sessionId, r.id),
  type: 'registration',
  registrationId: r.id,
  queueKey,
  tokenHash,
});

/**
 * An item as a registration. Past its personal-data expiry it comes back anonymised even when the
 * retention job has not run yet (DynamoDB Local never expires items, and TTL may lag in AWS).
 */
export function fromRegistrationItem(item: Record<string, unknown>, now: Date = new Date()): Registration {
  const i = item as unknown as RegistrationItem;
  return withRetentionApplied(
    {
      id: i.registrationId,
      sessionId: i.sessionId,
      status: i.status,
      waitlistSeq: i.waitlistSeq ?? null,
      // Absent once anonymised.
      name: i.name ?? '',
      email: i.email ?? '',
      emailHash: i.emailHash ?? '',
      role: i.role,
      organisation: i.organisation ?? null,
      neighbourhood: i.neighbourhood ?? null,
      language: i.language,
      consentAt: i.consentAt,
      createdAt: i.createdAt,
      updatedAt: i.updatedAt,
      confirmedAt: i.confirmedAt ?? null,
      cancelledAt: i.cancelledAt ?? null,
      promotedFromWaitlist: i.promotedFromWaitlist ?? false,
      privacyNotice: i.privacyNotice ?? null,
      personalDataExpiresAt: i.personalDataExpiresAt ?? null,
      anonymisedAt: i.anonymisedAt ?? null,
      erasedBy: i.erasedBy ?? null,
      ...(i.answers ? { answers: i.answers } : {}),
      ...(i.visit ? { visit: i.visit } : {}),
      ...(i.sensitiveErasedAt ? { sensitiveErasedAt: i.sensitiveErasedAt } : {}),
      ...(i.area ? { area: i.area, areaOther: i.areaOther ?? null, postcode: i.postcode ?? null } : {}),
      addressConfirmedAt: i.addressConfirmedAt ?? null,
      holdExpiresAt: i.holdExpiresAt ?? null,
      ...(i.addressHash ? { addressHash: i.addressHash } : {}),
      ...(i.releasedBecause ? { releasedBecause: i.releasedBecause } : {}),
      ...(i.offerExpiresAt ? { offerExpiresAt: i.offerExpiresAt } : {}),
    },
    now,
  );
}

/** The `attendance` map organisers record on a registration item. */
export const attendanceOf = (item: Record<string, unknown> | undefined): Attendance | null => {
  const a = item?.attendance as Partial<Attendance> | undefined;
  return a && typeof a.present === 'boolean'
    ? {
        present: a.present,
        recordedAt: a.recordedAt as string,
        recordedBy: a.recordedBy as string,
        ...(a.walkIn ? { walkIn: true } : {}),
      }
    : null;
};

/** A registration as it is once cancelled, or once promoted from the waiting list, at `at`. */
export const asCancelled = (r: Registration, at: string): Registration => ({
  ...r,
  status: 'cancelled',
  waitlistSeq: null,
  cancelledAt: at,
  updatedAt: at,
});

export const asPromoted = (r: Registration, at: string): Registration => ({
  ...r,
  status: 'confirmed',
  waitlistSeq: null,
  confirmedAt: at,
  updatedAt: at,
  promotedFromWaitlist: true,
});

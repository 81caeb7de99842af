import type { Programme, Session } from '../domain/model';
import type { EditableField } from '../domain/session-changes';

/**
 * An organiser's edit, conditional on what the caller read (`before`), so a concurrent change is
 * noticed instead of overwritten. Every change of date or time raises `version`.
 */
export interface SessionEditWrite {
  before: Session;
  after: Session;
  changed: EditableField[];
  bumpsVersion: boolean;
  at: string;
}

/** Why a conditional write did not happen, with the item as it is now (null: it does not exist). */
export interface WriteRefused {
  refused: true;
  current: Session | null;
}

/** Sessions and their programmes. Counters (confirmed, waiting) are moved by the registrations only. */
export interface SessionRepository {
  get(id: string): Promise<Session | null>;
  list(): Promise<Session[]>;
  getProgramme(id: string): Promise<Programme | null>;
  /** Inserts when absent; returns false when the item already existed (kept as it is). */
  insertProgrammeIfAbsent(p: Programme): Promise<boolean>;
  insertSessionIfAbsent(s: Session): Promise<boolean>;
  /** Inserts a new session; a session with that id already existing is a 409 `session-exists`. */
  create(session: Session): Promise<void>;
  /** Applies an edit if the session is still scheduled at `before.version` (and capacity fits the confirmed count). */
  edit(write: SessionEditWrite): Promise<Session | WriteRefused>;
  /** Sets status `cancelled` and raises `version`, if the session is scheduled at `expectedVersion`. */
  cancel(sessionId: string, expectedVersion: number, at: string): Promise<Session | WriteRefused>;
}

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

/** A programme's settings written conditionally: created when `expectedVersion` is null, else replaced at it. */
export interface ProgrammeWrite {
  programme: Programme;
  expectedVersion: number | null;
  at: string;
}

export interface ProgrammeWriteRefused {
  refused: true;
  current: Programme | null;
}

/** Sessions and their programmes. Counters (confirmed, waiting) are moved by the registrations only. */
export interface SessionRepository {
  get(id: string): Promise<Session | null>;
  list(): Promise<Session[]>;
  getProgramme(id: string): Promise<Programme | null>;
  listProgrammes(): Promise<Programme[]>;
  /** Writes the settings if the programme is still at `expectedVersion` (absent when null); version + 1. */
  putProgramme(write: ProgrammeWrite): Promise<Programme | ProgrammeWriteRefused>;
  /** Inserts a new session; a session with that id already existing is a 409 `session-exists`. */
  create(session: Session): Promise<void>;
  /** Applies an edit if the session is still scheduled at `before.version` (and capacity fits the confirmed count). */
  edit(write: SessionEditWrite): Promise<Session | WriteRefused>;
  /** Sets status `cancelled` and raises `version`, if the session is scheduled at `expectedVersion`. */
  cancel(sessionId: string, expectedVersion: number, at: string): Promise<Session | WriteRefused>;
}

/** What registrations read of the programme: the programme and the session list (a per-container cache in the public API). */
export type ProgrammeReads = Pick<SessionRepository, 'getProgramme' | 'list'> & {
  /**
   * The session as the list the reader holds has it, without waiting (undefined when it holds no
   * fresh list or the session is newer). Its counters and status are as old as the list; its
   * programme never changes. A registration takes it instead of reading the session when it says
   * registration is open: the placement's transaction checks status, the switch, the closing time,
   * the seats and the copy's version on the item itself, and refuses as precisely as a read would.
   */
  heldSession?(sessionId: string): Session | undefined;
  /**
   * Reads what a registration needs of the programme in one round trip: the session list and,
   * beside it, the programmes (a handful), so a cold container's first registration finds its
   * session and its programme both held.
   */
  warm?(): Promise<void>;
};

/** Attendance as an organiser records it on a registration: whether, when, and by whom (their `sub`). */
export interface Attendance {
  present: boolean;
  recordedAt: string;
  recordedBy: string;
  /** Registered at the door and checked in in one step: reports count walk-ins apart. */
  walkIn?: boolean;
}

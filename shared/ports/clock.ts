export interface Clock {
  now(): Date;
}

let offsetMs = 0;

/**
 * The clock handlers use. In AWS it is the system clock. The local stack runs the same handlers
 * in process and may move it forward (time travel) to fire reminders without waiting.
 */
export const systemClock: Clock = { now: () => new Date(Date.now() + offsetMs) };

/** Local stack only: moves `systemClock` so that it reads `to` now. Never moves it backwards. */
export function travelSystemClockTo(to: Date): void {
  offsetMs = Math.max(offsetMs, to.getTime() - Date.now());
}

/** A clock tests can set by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(to: Date): void {
    this.current = new Date(to.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

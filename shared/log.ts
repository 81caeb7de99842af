/**
 * Structured JSON logs. Callers pass identifiers (session id, registration id, route), never
 * names, email addresses or bodies.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';

const silent = () => process.env.LOG_LEVEL === 'silent';

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (silent()) return;
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...fields });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

/** What may be logged of an error: its class, message and stack, no request data. */
export const describeError = (e: unknown): Record<string, unknown> =>
  e instanceof Error ? { errorName: e.name, errorMessage: e.message, stack: e.stack } : { error: String(e) };

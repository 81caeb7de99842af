import { Logger, type LogItem, LogLevelThreshold } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';

/**
 * Structured JSON logs through Powertools' Logger, so every line carries the function, request id,
 * cold start and correlation id the middy chains add. Callers pass identifiers (session id,
 * registration id, route), never names, email addresses or bodies.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * Outside Lambda (local stack, tests) the lines go through the global console, as before, where
 * `npm start` shows them and the no-personal-data test reads them; in Lambda Powertools' own
 * console writes to stdout without the runtime's line prefixes.
 */
class ProjectLogger extends Logger {
  protected override printLog(logLevel: number, item: LogItem): void {
    if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
      super.printLog(logLevel, item);
      return;
    }
    item.prepareForPrint();
    const line = JSON.stringify(item.getAttributes(), this.getJsonReplacer());
    if (logLevel >= LogLevelThreshold.WARN) console.error(line);
    else console.log(line);
  }
}

export const logger = new ProjectLogger({ serviceName: 'stadsgesprekken', logLevel: levelFromEnv() });

/** LOG_LEVEL may change while a process runs (tests switch logging on and off), so it is read per line. */
function levelFromEnv(): LogLevel {
  const level = (process.env.LOG_LEVEL ?? 'info').toUpperCase();
  return (['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'].includes(level) ? level : 'INFO') as LogLevel;
}

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  // Compared with the logger's own level, not a copy: Powertools' injectLambdaContext resets it to
  // the level the logger was made with at every invocation (its sampling refresh).
  const wanted = levelFromEnv();
  if (logger.getLevelName() !== wanted) logger.setLogLevel(wanted);
  logger[level](message, fields);
}

/** What may be logged of an error: its class, message and stack, no request data. */
export const describeError = (e: unknown): Record<string, unknown> =>
  e instanceof Error ? { errorName: e.name, errorMessage: e.message, stack: e.stack } : { error: String(e) };

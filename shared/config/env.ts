/**
 * Configuration is read once, at module load (cold start), and checked there: a missing
 * variable fails fast with its name instead of surfacing as a confusing error per request.
 */
export class MissingConfiguration extends Error {
  constructor(readonly variable: string) {
    super(`Missing required environment variable ${variable}`);
  }
}

export function requireEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new MissingConfiguration(name);
  return value;
}

export function optionalEnv(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

export interface TablesConfig {
  sessionsTable: string;
  registrationsTable: string;
}

export const readTablesConfig = (env: NodeJS.ProcessEnv = process.env): TablesConfig => ({
  sessionsTable: requireEnv('SESSIONS_TABLE', env),
  registrationsTable: requireEnv('REGISTRATIONS_TABLE', env),
});

export interface PublicApiConfig extends TablesConfig {
  /** Where the web pages live; manage links are `${publicBaseUrl}/manage.html?token=…`. */
  publicBaseUrl: string;
  /** Domain part of calendar UIDs: stable per deployment. */
  uidDomain: string;
  /** Optional local-only endpoint override for DynamoDB (DynamoDB Local). */
  dynamoDbEndpoint: string | undefined;
  /** Who invites: ORGANIZER in calendar files, From in emails. */
  organiser: { name: string; email: string };
  /** Manage tokens are derived with it, so the mailer (same secret) can link them. */
  manageTokenSecret: string;
}

export const readPublicApiConfig = (env: NodeJS.ProcessEnv = process.env): PublicApiConfig => ({
  ...readTablesConfig(env),
  publicBaseUrl: requireEnv('PUBLIC_BASE_URL', env).replace(/\/+$/, ''),
  uidDomain: optionalEnv('UID_DOMAIN', env) ?? 'stadsgesprekken.invalid',
  dynamoDbEndpoint: optionalEnv('DYNAMODB_ENDPOINT', env),
  organiser: {
    name: optionalEnv('ORGANISER_NAME', env) ?? 'Stadsgesprekken',
    email: requireEnv('MAIL_FROM', env),
  },
  manageTokenSecret: requireEnv('MANAGE_TOKEN_SECRET', env),
});

export interface MailerConfig extends TablesConfig {
  /** Where the fan-outs put one mail job per registrant (the queue the mailer reads). */
  mailQueueUrl: string;
  /** The verified sender (MAIL_FROM) and its display name: From in mails, ORGANIZER in invites. */
  organiser: { name: string; email: string };
  /** SES configuration set whose bounce/complaint events come back as suppressions. */
  sesConfigurationSet: string | undefined;
  /** Local-only endpoint override for SES (the emulator). */
  sesEndpoint: string | undefined;
  publicBaseUrl: string;
  uidDomain: string;
  /** Secret the manage tokens are derived from; the public API must use the same one. */
  manageTokenSecret: string;
  dynamoDbEndpoint: string | undefined;
  /** Where the API answers, for calendar links; PUBLIC_BASE_URL when absent. */
  publicApiUrl: string | undefined;
  /** This instance's share of the SES send rate, mails per second (MAIL_SEND_RATE). */
  sendRatePerSecond: number;
}

/** A positive number from the environment, or the default; anything else fails at start-up. */
export function positiveNumberEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = optionalEnv(name, env);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`Environment variable ${name} must be a positive number, not "${raw}"`);
  return n;
}

/** Mails per second one mailer sends when MAIL_SEND_RATE is not set (SES's smallest production quota is 14). */
export const DEFAULT_MAIL_SEND_RATE = 2;

export const readMailerConfig = (env: NodeJS.ProcessEnv = process.env): MailerConfig => ({
  ...readTablesConfig(env),
  mailQueueUrl: requireEnv('MAIL_QUEUE_URL', env),
  organiser: {
    name: optionalEnv('ORGANISER_NAME', env) ?? 'Stadsgesprekken',
    email: requireEnv('MAIL_FROM', env),
  },
  sesConfigurationSet: optionalEnv('SES_CONFIGURATION_SET', env),
  sesEndpoint: optionalEnv('SES_ENDPOINT', env),
  publicBaseUrl: requireEnv('PUBLIC_BASE_URL', env).replace(/\/+$/, ''),
  uidDomain: optionalEnv('UID_DOMAIN', env) ?? 'stadsgesprekken.invalid',
  manageTokenSecret: requireEnv('MANAGE_TOKEN_SECRET', env),
  dynamoDbEndpoint: optionalEnv('DYNAMODB_ENDPOINT', env),
  publicApiUrl: optionalEnv('PUBLIC_API_URL', env)?.replace(/\/+$/, ''),
  sendRatePerSecond: positiveNumberEnv('MAIL_SEND_RATE', DEFAULT_MAIL_SEND_RATE, env),
});

export interface PlannerConfig extends Pick<TablesConfig, 'sessionsTable'> {
  dynamoDbEndpoint: string | undefined;
  scheduler: { group: string; roleArn: string; targetArn: string; deadLetterArn: string };
}

export const readPlannerConfig = (env: NodeJS.ProcessEnv = process.env): PlannerConfig => ({
  sessionsTable: requireEnv('SESSIONS_TABLE', env),
  dynamoDbEndpoint: optionalEnv('DYNAMODB_ENDPOINT', env),
  scheduler: {
    group: requireEnv('SCHEDULER_GROUP', env),
    roleArn: requireEnv('SCHEDULER_ROLE_ARN', env),
    targetArn: requireEnv('DISPATCH_TARGET_ARN', env),
    deadLetterArn: requireEnv('SCHEDULER_DLQ_ARN', env),
  },
});

export interface DispatcherConfig extends TablesConfig {
  dynamoDbEndpoint: string | undefined;
  mailQueueUrl: string;
}

export const readDispatcherConfig = (env: NodeJS.ProcessEnv = process.env): DispatcherConfig => ({
  ...readTablesConfig(env),
  dynamoDbEndpoint: optionalEnv('DYNAMODB_ENDPOINT', env),
  mailQueueUrl: requireEnv('MAIL_QUEUE_URL', env),
});

export interface AdminApiConfig extends TablesConfig {
  /** Optional local-only endpoint override for DynamoDB (DynamoDB Local). */
  dynamoDbEndpoint: string | undefined;
}

export const readAdminApiConfig = (env: NodeJS.ProcessEnv = process.env): AdminApiConfig => ({
  ...readTablesConfig(env),
  dynamoDbEndpoint: optionalEnv('DYNAMODB_ENDPOINT', env),
});

import type { EnvName, FunctionName, OptionalEnv, RequiredEnv } from './env-catalogue';

/**
 * Configuration is read once, at module load (cold start), and checked there: a missing
 * variable fails fast with its name instead of surfacing as a confusing error per request.
 */
export class MissingConfiguration extends Error {
  constructor(readonly variable: string) {
    super(`Missing required environment variable ${variable}`);
  }
}

export function requireEnv(name: EnvName, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new MissingConfiguration(name);
  return value;
}

export function optionalEnv(name: EnvName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** A positive number from the environment, or the default; anything else fails at start-up. */
export function positiveNumberEnv(name: EnvName, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = optionalEnv(name, env);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`Environment variable ${name} must be a positive number, not "${raw}"`);
  return n;
}

/**
 * The variables of one function, typed by its catalogue entry (shared/config/env-catalogue.ts), so
 * a reader cannot read a variable the stack does not know to set.
 */
interface FunctionEnv<F extends FunctionName> {
  required: (name: RequiredEnv<F>) => string;
  optional: (name: OptionalEnv<F>) => string | undefined;
  positiveNumber: (name: OptionalEnv<F>, fallback: number) => number;
}

const envOf = <F extends FunctionName>(_fn: F, env: NodeJS.ProcessEnv): FunctionEnv<F> => ({
  required: (name) => requireEnv(name, env),
  optional: (name) => optionalEnv(name, env),
  positiveNumber: (name, fallback) => positiveNumberEnv(name, fallback, env),
});

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');
const optionalUrl = (url: string | undefined): string | undefined =>
  url === undefined ? undefined : withoutTrailingSlash(url);

const DEFAULT_ORGANISER_NAME = 'Stadsgesprekken';
const DEFAULT_UID_DOMAIN = 'stadsgesprekken.invalid';

/** Mails per second one mailer sends when MAIL_SEND_RATE is not set (SES's smallest production quota is 14). */
export const DEFAULT_MAIL_SEND_RATE = 2;

/** The manage-token key as configured: its Secrets Manager id in AWS, its value on the local stack. */
export type SecretReference = { kind: 'secrets-manager'; secretId: string } | { kind: 'fixed'; value: string };

/**
 * MANAGE_TOKEN_SECRET (local only, never set by the stack) wins; otherwise MANAGE_TOKEN_SECRET_ARN is
 * required, and the function fetches the key from Secrets Manager at cold start.
 */
const manageTokenSecretFrom = (e: {
  required: (name: 'MANAGE_TOKEN_SECRET_ARN') => string;
  optional: (name: 'MANAGE_TOKEN_SECRET') => string | undefined;
}): SecretReference => {
  const local = e.optional('MANAGE_TOKEN_SECRET');
  return local === undefined
    ? { kind: 'secrets-manager', secretId: e.required('MANAGE_TOKEN_SECRET_ARN') }
    : { kind: 'fixed', value: local };
};

/**
 * ORIGIN_SECRET_ARN: the stack sets it on the three functions behind the HTTP API; without it (local)
 * nothing is checked.
 */
const originSecretFrom = (e: { optional: (name: 'ORIGIN_SECRET_ARN') => string | undefined }) => {
  const secretId = e.optional('ORIGIN_SECRET_ARN');
  return secretId === undefined ? undefined : ({ kind: 'secrets-manager', secretId } as const);
};

export interface TablesConfig {
  sessionsTable: string;
  registrationsTable: string;
}

type TableEnv = 'SESSIONS_TABLE' | 'REGISTRATIONS_TABLE';

const tablesFrom = (e: { required: (name: TableEnv) => string }): TablesConfig => ({
  sessionsTable: e.required('SESSIONS_TABLE'),
  registrationsTable: e.required('REGISTRATIONS_TABLE'),
});

export const readTablesConfig = (env: NodeJS.ProcessEnv = process.env): TablesConfig =>
  tablesFrom({ required: (name) => requireEnv(name, env) });

export interface PublicApiConfig extends TablesConfig {
  /** Where the web pages live; manage links are `${publicBaseUrl}/manage.html?token=…`. */
  publicBaseUrl: string;
  /** Optional local-only endpoint override for DynamoDB (DynamoDB Local). */
  dynamoDbEndpoint: string | undefined;
  /** Manage tokens are derived with it, so the mailer (same secret) can link them. */
  manageTokenSecret: SecretReference;
  /** The header value CloudFront adds (set in AWS; the local stack has none and checks nothing). */
  originSecret: SecretReference | undefined;
  /** The placement queue (SQS FIFO); unset, registrations are placed by the API itself. */
  placementQueueUrl: string | undefined;
}

export const readPublicApiConfig = (env: NodeJS.ProcessEnv = process.env): PublicApiConfig => {
  const e = envOf('public-api', env);
  return {
    ...tablesFrom(e),
    publicBaseUrl: withoutTrailingSlash(e.required('PUBLIC_BASE_URL')),
    dynamoDbEndpoint: e.optional('DYNAMODB_ENDPOINT'),
    manageTokenSecret: manageTokenSecretFrom(e),
    originSecret: originSecretFrom(e),
    placementQueueUrl: optionalUrl(e.optional('PLACEMENT_QUEUE_URL')),
  };
};

export interface PublicDocumentsConfig extends TablesConfig {
  publicBaseUrl: string;
  uidDomain: string;
  dynamoDbEndpoint: string | undefined;
  organiser: { name: string; email: string };
  publicApiUrl: string | undefined;
  /** The header value CloudFront adds (set in AWS; the local stack has none and checks nothing). */
  originSecret: SecretReference | undefined;
}

/**
 * The calendar files and the OpenAPI document: the tables to read (the person feed reads the
 * registrations table too), and what the files name.
 */
export const readPublicDocumentsConfig = (env: NodeJS.ProcessEnv = process.env): PublicDocumentsConfig => {
  const e = envOf('public-documents', env);
  return {
    ...tablesFrom(e),
    publicBaseUrl: withoutTrailingSlash(e.required('PUBLIC_BASE_URL')),
    uidDomain: e.optional('UID_DOMAIN') ?? DEFAULT_UID_DOMAIN,
    dynamoDbEndpoint: e.optional('DYNAMODB_ENDPOINT'),
    organiser: { name: e.optional('ORGANISER_NAME') ?? DEFAULT_ORGANISER_NAME, email: e.required('MAIL_FROM') },
    publicApiUrl: optionalUrl(e.optional('PUBLIC_API_URL')),
    originSecret: originSecretFrom(e),
  };
};

export interface AdminApiConfig extends TablesConfig {
  /** Optional local-only endpoint override for DynamoDB (DynamoDB Local). */
  dynamoDbEndpoint: string | undefined;
  /** Check-in codes are verified with it; walk-ins' manage tokens derived with it. */
  manageTokenSecret: SecretReference;
  /** The header value CloudFront adds (set in AWS; the local stack has none and checks nothing). */
  originSecret: SecretReference | undefined;
}

export const readAdminApiConfig = (env: NodeJS.ProcessEnv = process.env): AdminApiConfig => {
  const e = envOf('admin-api', env);
  return {
    ...tablesFrom(e),
    dynamoDbEndpoint: e.optional('DYNAMODB_ENDPOINT'),
    manageTokenSecret: manageTokenSecretFrom(e),
    originSecret: originSecretFrom(e),
  };
};

export interface StreamPublisherConfig {
  eventBusName: string;
}

export const readStreamPublisherConfig = (env: NodeJS.ProcessEnv = process.env): StreamPublisherConfig => ({
  eventBusName: envOf('stream-publisher', env).required('EVENT_BUS_NAME'),
});

export interface MailerConfig extends TablesConfig {
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
  manageTokenSecret: SecretReference;
  dynamoDbEndpoint: string | undefined;
  /** Where the API answers, for calendar links; PUBLIC_BASE_URL when absent. */
  publicApiUrl: string | undefined;
  /** This instance's share of the SES send rate, mails per second (MAIL_SEND_RATE). */
  sendRatePerSecond: number;
}

export const readMailerConfig = (env: NodeJS.ProcessEnv = process.env): MailerConfig => {
  const e = envOf('mailer', env);
  const publicApiUrl = e.optional('PUBLIC_API_URL');
  return {
    ...tablesFrom(e),
    mailQueueUrl: e.required('MAIL_QUEUE_URL'),
    organiser: { name: e.optional('ORGANISER_NAME') ?? DEFAULT_ORGANISER_NAME, email: e.required('MAIL_FROM') },
    sesConfigurationSet: e.optional('SES_CONFIGURATION_SET'),
    sesEndpoint: e.optional('SES_ENDPOINT'),
    publicBaseUrl: withoutTrailingSlash(e.required('PUBLIC_BASE_URL')),
    uidDomain: e.optional('UID_DOMAIN') ?? DEFAULT_UID_DOMAIN,
    manageTokenSecret: manageTokenSecretFrom(e),
    dynamoDbEndpoint: e.optional('DYNAMODB_ENDPOINT'),
    publicApiUrl: publicApiUrl === undefined ? undefined : withoutTrailingSlash(publicApiUrl),
    sendRatePerSecond: e.positiveNumber('MAIL_SEND_RATE', DEFAULT_MAIL_SEND_RATE),
  };
};

export interface PlannerConfig extends Pick<TablesConfig, 'sessionsTable'> {
  dynamoDbEndpoint: string | undefined;
  scheduler: { group: string; roleArn: string; targetArn: string; deadLetterArn: string };
}

export const readPlannerConfig = (env: NodeJS.ProcessEnv = process.env): PlannerConfig => {
  const e = envOf('planner', env);
  return {
    sessionsTable: e.required('SESSIONS_TABLE'),
    dynamoDbEndpoint: e.optional('DYNAMODB_ENDPOINT'),
    scheduler: {
      group: e.required('SCHEDULER_GROUP'),
      roleArn: e.required('SCHEDULER_ROLE_ARN'),
      targetArn: e.required('DISPATCH_TARGET_ARN'),
      deadLetterArn: e.required('SCHEDULER_DLQ_ARN'),
    },
  };
};

export interface DispatcherConfig extends TablesConfig {
  dynamoDbEndpoint: string | undefined;
  mailQueueUrl: string;
}

export const readDispatcherConfig = (env: NodeJS.ProcessEnv = process.env): DispatcherConfig => {
  const e = envOf('dispatcher', env);
  return {
    ...tablesFrom(e),
    dynamoDbEndpoint: e.optional('DYNAMODB_ENDPOINT'),
    mailQueueUrl: e.required('MAIL_QUEUE_URL'),
  };
};

export interface RetentionConfig extends TablesConfig {
  dynamoDbEndpoint: string | undefined;
}

export const readRetentionConfig = (env: NodeJS.ProcessEnv = process.env): RetentionConfig => {
  const e = envOf('retention', env);
  return { ...tablesFrom(e), dynamoDbEndpoint: e.optional('DYNAMODB_ENDPOINT') };
};

export type PlacementConfig = RetentionConfig;

export const readPlacementConfig = (env: NodeJS.ProcessEnv = process.env): PlacementConfig => {
  const e = envOf('placement', env);
  return { ...tablesFrom(e), dynamoDbEndpoint: e.optional('DYNAMODB_ENDPOINT') };
};

/** Each function's start-up reader, so a test can check every one against the deployed environment. */
export const configReaders: { [F in FunctionName]: (env?: NodeJS.ProcessEnv) => unknown } = {
  'public-api': readPublicApiConfig,
  'public-documents': readPublicDocumentsConfig,
  'admin-api': readAdminApiConfig,
  'stream-publisher': readStreamPublisherConfig,
  mailer: readMailerConfig,
  planner: readPlannerConfig,
  dispatcher: readDispatcherConfig,
  retention: readRetentionConfig,
  placement: readPlacementConfig,
};

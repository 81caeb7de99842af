/**
 * The environment of every function, named once. The CDK construct may set only the variables a
 * function declares here (infra/constructs/project-function.ts), and the function's reader in
 * shared/config/env.ts may read only those; the infra test runs every reader on the environment the
 * synthesised template gives its function.
 */

/** Set on every function by the construct itself: the runtime reads NODE_OPTIONS; STAGE names the stage. */
export const PLATFORM_ENV = ['NODE_OPTIONS', 'STAGE'] as const;

/**
 * Overrides for the local engines and the local stack's own key: read by the functions, never set in
 * AWS (a deployed function fetches the manage-token key from Secrets Manager at cold start).
 */
export const LOCAL_ONLY_ENV = ['DYNAMODB_ENDPOINT', 'SES_ENDPOINT', 'MANAGE_TOKEN_SECRET'] as const;

export const ENV_NAMES = [
  ...PLATFORM_ENV,
  ...LOCAL_ONLY_ENV,
  'SESSIONS_TABLE',
  'REGISTRATIONS_TABLE',
  'EVENT_BUS_NAME',
  'MAIL_QUEUE_URL',
  'PLACEMENT_QUEUE_URL',
  'PUBLIC_BASE_URL',
  'PUBLIC_API_URL',
  'MAIL_FROM',
  'ORGANISER_NAME',
  'SES_CONFIGURATION_SET',
  'MAIL_SEND_RATE',
  'UID_DOMAIN',
  'MANAGE_TOKEN_SECRET_ARN',
  'ORIGIN_SECRET_ARN',
  'SCHEDULER_GROUP',
  'SCHEDULER_ROLE_ARN',
  'SCHEDULER_DLQ_ARN',
  'DISPATCH_TARGET_ARN',
] as const;

export type EnvName = (typeof ENV_NAMES)[number];
export type LocalOnlyEnvName = (typeof LOCAL_ONLY_ENV)[number];

export interface FunctionEnvironment {
  /** Start-up fails, naming the variable, when one is missing. */
  readonly required: readonly EnvName[];
  /** Read with a default, or only set locally. */
  readonly optional: readonly EnvName[];
  /**
   * Set by the stack and read by nothing. Listed rather than dropped so that moving the names here
   * left the deployed templates unchanged; removing them is a separate, visible change.
   */
  readonly unread?: readonly EnvName[];
}

const TABLES = ['SESSIONS_TABLE', 'REGISTRATIONS_TABLE'] as const;

export const functionEnvironment = {
  'public-api': {
    required: [...TABLES, 'PUBLIC_BASE_URL', 'MANAGE_TOKEN_SECRET_ARN'],
    // Set by the stack; without it (the local stack's direct mode) registrations are placed in the API.
    optional: ['DYNAMODB_ENDPOINT', 'MANAGE_TOKEN_SECRET', 'ORIGIN_SECRET_ARN', 'PLACEMENT_QUEUE_URL'],
  },
  'public-documents': {
    required: [...TABLES, 'PUBLIC_BASE_URL', 'MAIL_FROM'],
    optional: ['UID_DOMAIN', 'ORGANISER_NAME', 'DYNAMODB_ENDPOINT', 'PUBLIC_API_URL', 'ORIGIN_SECRET_ARN'],
  },
  'admin-api': {
    required: [...TABLES, 'MANAGE_TOKEN_SECRET_ARN'],
    optional: ['DYNAMODB_ENDPOINT', 'MANAGE_TOKEN_SECRET', 'ORIGIN_SECRET_ARN'],
    unread: ['PUBLIC_BASE_URL', 'UID_DOMAIN'],
  },
  'stream-publisher': {
    required: ['EVENT_BUS_NAME'],
    optional: [],
  },
  mailer: {
    required: [...TABLES, 'MAIL_QUEUE_URL', 'MAIL_FROM', 'PUBLIC_BASE_URL', 'MANAGE_TOKEN_SECRET_ARN'],
    optional: [
      'MANAGE_TOKEN_SECRET',
      'ORGANISER_NAME',
      'SES_CONFIGURATION_SET',
      'SES_ENDPOINT',
      'UID_DOMAIN',
      'DYNAMODB_ENDPOINT',
      'PUBLIC_API_URL',
      'MAIL_SEND_RATE',
    ],
  },
  planner: {
    required: ['SESSIONS_TABLE', 'SCHEDULER_GROUP', 'SCHEDULER_ROLE_ARN', 'DISPATCH_TARGET_ARN', 'SCHEDULER_DLQ_ARN'],
    optional: ['DYNAMODB_ENDPOINT'],
  },
  dispatcher: {
    required: [...TABLES, 'MAIL_QUEUE_URL'],
    optional: ['DYNAMODB_ENDPOINT'],
    unread: ['PUBLIC_BASE_URL'],
  },
  retention: {
    required: TABLES,
    optional: ['DYNAMODB_ENDPOINT'],
  },
  placement: {
    required: TABLES,
    optional: ['DYNAMODB_ENDPOINT'],
  },
} as const satisfies Record<string, FunctionEnvironment>;

/** A folder under functions/ holding a handler.ts. */
export type FunctionName = keyof typeof functionEnvironment;

type Entry<F extends FunctionName> = (typeof functionEnvironment)[F];
type Listed<T> = T extends readonly (infer N)[] ? N : never;

export type RequiredEnv<F extends FunctionName> = Listed<Entry<F>['required']>;
export type OptionalEnv<F extends FunctionName> = Listed<Entry<F>['optional']>;
type UnreadEnv<F extends FunctionName> = Entry<F> extends { unread: infer U } ? Listed<U> : never;

/** What the stack may set on function F: what it reads or is known to get, never a local override. */
export type DeployedEnv<F extends FunctionName> = Exclude<
  RequiredEnv<F> | OptionalEnv<F> | UnreadEnv<F>,
  LocalOnlyEnvName
>;

export const functionNames = Object.keys(functionEnvironment) as FunctionName[];

export const deployedEnvOf = (fn: FunctionName): readonly EnvName[] => {
  const entry: FunctionEnvironment = functionEnvironment[fn];
  return [...PLATFORM_ENV, ...entry.required, ...entry.optional, ...(entry.unread ?? [])].filter(
    (name) => !(LOCAL_ONLY_ENV as readonly EnvName[]).includes(name),
  );
};

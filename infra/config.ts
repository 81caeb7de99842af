import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as z from 'zod';
import { HostingConfigSchema, hostname, SignInConfigSchema } from './config-hosting';

/**
 * Stage configuration, typed and checked when the CDK app is built: a wrong value stops `cdk synth`
 * with a message naming the field, before anything reaches CloudFormation.
 *
 * Organisers edit the defaults below for their own domain, or override single values on the
 * command line: `npx cdk deploy --all -c stage=prod -c account=123456789012 -c region=eu-west-1
 * -c alarmEmail=ops@example.org`. Without account and region the app synthesises environment-
 * agnostic templates (no lookups, no credentials needed).
 */

export const stageNames = ['dev', 'prod'] as const;
export const StageName = z.enum(stageNames);
export type StageName = z.infer<typeof StageName>;

/** An origin as browsers send it: scheme, host and optional port, nothing else. */
const origin = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  },
  { message: 'must be an origin such as https://www.example.org (no path, no trailing slash)' },
);

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });

const retentionDayValues = new Set(Object.values(RetentionDays).filter((v): v is number => typeof v === 'number'));
const logRetentionDays = z
  .number()
  .int()
  .refine((days) => retentionDayValues.has(days) && days !== RetentionDays.INFINITE, {
    message: 'must be a retention CloudWatch Logs supports, e.g. 7, 14, 30, 90, 180, 365',
  });

export const StageConfigSchema = z
  .object({
    stage: StageName,
    /** Both absent: environment-agnostic synthesis. */
    account: z
      .string()
      .regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account id' })
      .optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'must be an AWS region such as eu-west-1' })
      .optional(),
    /** Sites allowed to call the API from a browser (the organiser's own site with the form). */
    corsAllowedOrigins: z.array(origin).min(1, { message: 'needs at least one origin' }),
    /**
     * Base of the links in mails and answers (manage page, calendar feed) when the pages live
     * elsewhere (the organiser's own site). @default the hosted pages (custom domain or CloudFront name)
     */
    publicBaseUrl: httpUrl.optional(),
    hosting: HostingConfigSchema.default({ waf: false, wafRateLimitPer5Minutes: 100 }),
    signIn: SignInConfigSchema.default({}),
    mail: z.object({
      /** Verified SES domain identity the mail is sent from. */
      sesDomain: hostname,
      /** Sender address; must be on the SES domain. */
      from: z.email({ message: 'must be an email address' }),
      /** Right-hand side of the iCalendar UIDs, stable for the life of the programme. */
      uidDomain: hostname,
      /**
       * Sending pace. The mailer's token bucket allows `sendRatePerSecond` per Lambda instance and
       * the mail queue's event source runs at most `maxConcurrency` instances, so together they
       * send at most rate × concurrency mails per second, which must stay within the account's
       * SES maximum send rate (`sesMaxSendRate`; 14/s is the smallest production quota).
       */
      sendRatePerSecond: z.number().positive().default(2),
      maxConcurrency: z.number().int().min(2).max(1000).default(5),
      sesMaxSendRate: z.number().positive().default(14),
    }),
    /** Where alarm notifications go; without it the SNS topic exists but has no subscriber. */
    alarmEmail: z.email({ message: 'must be an email address' }).optional(),
    retention: z.object({
      logRetentionDays,
      /** `retain`: tables, user pool and logs survive a stack deletion. */
      removal: z.enum(['destroy', 'retain']),
      /** DynamoDB and Cognito deletion protection. */
      deletionProtection: z.boolean(),
    }),
    throttling: z.object({
      /** Default for every route of the stage (requests per second, steady state). */
      rateLimit: z.number().positive(),
      burstLimit: z.number().int().positive(),
      /** Tighter limit for the public routes that write (registration, cancellation, feedback). */
      publicWriteRateLimit: z.number().positive(),
      publicWriteBurstLimit: z.number().int().positive(),
    }),
  })
  .superRefine((config, ctx) => {
    const { sendRatePerSecond, maxConcurrency, sesMaxSendRate } = config.mail;
    if (sendRatePerSecond * maxConcurrency > sesMaxSendRate) {
      ctx.addIssue({
        code: 'custom',
        path: ['mail', 'sendRatePerSecond'],
        message: `${sendRatePerSecond}/s × ${maxConcurrency} mailers exceeds the SES quota of ${sesMaxSendRate}/s`,
      });
    }
    const fromDomain = config.mail.from.split('@')[1]?.toLowerCase() ?? '';
    const sesDomain = config.mail.sesDomain;
    if (fromDomain !== sesDomain && !fromDomain.endsWith(`.${sesDomain}`)) {
      ctx.addIssue({ code: 'custom', path: ['mail', 'from'], message: `must be an address on ${sesDomain}` });
    }
    if ((config.account === undefined) !== (config.region === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['account'], message: 'give both account and region, or neither' });
    }
    if (config.stage === 'prod') {
      if (config.retention.removal !== 'retain') {
        ctx.addIssue({ code: 'custom', path: ['retention', 'removal'], message: 'prod must retain its data' });
      }
      if (!config.retention.deletionProtection) {
        ctx.addIssue({ code: 'custom', path: ['retention', 'deletionProtection'], message: 'prod must be protected' });
      }
      if (config.publicBaseUrl !== undefined && !config.publicBaseUrl.startsWith('https://')) {
        ctx.addIssue({ code: 'custom', path: ['publicBaseUrl'], message: 'prod must use https' });
      }
      for (const [i, o] of config.corsAllowedOrigins.entries()) {
        if (!o.startsWith('https://')) {
          ctx.addIssue({ code: 'custom', path: ['corsAllowedOrigins', i], message: 'prod origins must use https' });
        }
      }
    }
    if (config.hosting.waf && (config.account === undefined || config.region === undefined)) {
      // The web ACL lives in us-east-1 and the distribution elsewhere: CDK's cross-region
      // reference between the two needs both regions known at synthesis.
      ctx.addIssue({
        code: 'custom',
        path: ['hosting', 'waf'],
        message: 'needs account and region (-c account=… -c region=…)',
      });
    }
    if (config.throttling.publicWriteRateLimit > config.throttling.rateLimit) {
      ctx.addIssue({
        code: 'custom',
        path: ['throttling', 'publicWriteRateLimit'],
        message: 'must not exceed the stage rate limit',
      });
    }
  });

export type StageConfig = z.infer<typeof StageConfigSchema>;

type StageDefaults = Omit<z.input<typeof StageConfigSchema>, 'stage'>;

/** Defaults per stage. Replace the example.org names with the organiser's own before deploying. */
export const stageDefaults: Record<StageName, StageDefaults> = {
  dev: {
    corsAllowedOrigins: ['http://localhost:3000', 'https://dev.stadsgesprekken.example.org'],
    mail: {
      sesDomain: 'dev.stadsgesprekken.example.org',
      from: 'aanmelden@dev.stadsgesprekken.example.org',
      uidDomain: 'dev.stadsgesprekken.example.org',
    },
    retention: { logRetentionDays: RetentionDays.ONE_WEEK, removal: 'destroy', deletionProtection: false },
    throttling: { rateLimit: 20, burstLimit: 40, publicWriteRateLimit: 5, publicWriteBurstLimit: 10 },
  },
  prod: {
    corsAllowedOrigins: ['https://stadsgesprekken.example.org'],
    mail: {
      sesDomain: 'stadsgesprekken.example.org',
      from: 'aanmelden@stadsgesprekken.example.org',
      uidDomain: 'stadsgesprekken.example.org',
    },
    retention: { logRetentionDays: RetentionDays.SIX_MONTHS, removal: 'retain', deletionProtection: true },
    throttling: { rateLimit: 50, burstLimit: 100, publicWriteRateLimit: 10, publicWriteBurstLimit: 20 },
  },
};

/** The context keys (`-c key=value`) that override a stage default. */
export interface ContextOverrides {
  account?: unknown;
  region?: unknown;
  alarmEmail?: unknown;
  publicBaseUrl?: unknown;
  /** Comma-separated list. */
  corsOrigins?: unknown;
  mailFrom?: unknown;
  sesDomain?: unknown;
  uidDomain?: unknown;
  /** `true` adds the WAF web ACL. */
  waf?: unknown;
  /** The pages' custom domain, with its us-east-1 certificate. */
  siteDomain?: unknown;
  siteCertificateArn?: unknown;
  signInDomainPrefix?: unknown;
}

export class StageConfigError extends Error {
  constructor(stage: string, issues: string[]) {
    super(`Invalid configuration for stage "${stage}":\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'StageConfigError';
  }
}

const asString = (value: unknown): string | undefined =>
  value === undefined || value === null || value === '' ? undefined : String(value);

/** `-c waf=true` arrives as a string, cdk.json's `"waf": true` as a boolean; anything else is left to the schema. */
const asBoolean = (value: unknown): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/**
 * The checked configuration of a stage: the defaults of `stage` (default `dev`) with the context
 * overrides applied. Throws a StageConfigError listing every invalid field.
 */
export const resolveStageConfig = (stage: unknown, overrides: ContextOverrides = {}): StageConfig => {
  const stageName = StageName.safeParse(stage ?? 'dev');
  if (!stageName.success) {
    throw new StageConfigError(String(stage), [`stage: must be one of ${stageNames.join(', ')}`]);
  }
  const defaults = stageDefaults[stageName.data];
  const corsOrigins = asString(overrides.corsOrigins);
  const siteDomain = asString(overrides.siteDomain);
  const siteCertificateArn = asString(overrides.siteCertificateArn);
  const candidate = {
    ...defaults,
    stage: stageName.data,
    account: asString(overrides.account) ?? defaults.account,
    region: asString(overrides.region) ?? defaults.region,
    alarmEmail: asString(overrides.alarmEmail) ?? defaults.alarmEmail,
    publicBaseUrl: asString(overrides.publicBaseUrl) ?? defaults.publicBaseUrl,
    corsAllowedOrigins: corsOrigins ? corsOrigins.split(',').map((o) => o.trim()) : defaults.corsAllowedOrigins,
    mail: {
      sesDomain: asString(overrides.sesDomain) ?? defaults.mail.sesDomain,
      from: asString(overrides.mailFrom) ?? defaults.mail.from,
      uidDomain: asString(overrides.uidDomain) ?? defaults.mail.uidDomain,
    },
    hosting: {
      ...defaults.hosting,
      ...(overrides.waf === undefined ? {} : { waf: asBoolean(overrides.waf) }),
      ...(siteDomain || siteCertificateArn
        ? { customDomain: { domainName: siteDomain, certificateArn: siteCertificateArn } }
        : {}),
    },
    signIn: {
      ...defaults.signIn,
      ...(asString(overrides.signInDomainPrefix) ? { domainPrefix: asString(overrides.signInDomainPrefix) } : {}),
    },
  };
  const parsed = StageConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new StageConfigError(
      stageName.data,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return parsed.data;
};

/** Reads the stage and the overrides from CDK context (`-c stage=prod`, cdk.json). */
export const stageConfigFromContext = (tryGetContext: (key: string) => unknown): StageConfig =>
  resolveStageConfig(tryGetContext('stage'), {
    account: tryGetContext('account'),
    region: tryGetContext('region'),
    alarmEmail: tryGetContext('alarmEmail'),
    publicBaseUrl: tryGetContext('publicBaseUrl'),
    corsOrigins: tryGetContext('corsOrigins'),
    mailFrom: tryGetContext('mailFrom'),
    sesDomain: tryGetContext('sesDomain'),
    uidDomain: tryGetContext('uidDomain'),
    waf: tryGetContext('waf'),
    siteDomain: tryGetContext('siteDomain'),
    siteCertificateArn: tryGetContext('siteCertificateArn'),
    signInDomainPrefix: tryGetContext('signInDomainPrefix'),
  });

/**
 * The configuration the stack's sections see: the base of the links resolved, to `publicBaseUrl`
 * when given and to the hosted pages (a CloudFormation value) otherwise.
 */
export type LinkedStageConfig = Omit<StageConfig, 'publicBaseUrl'> & { publicBaseUrl: string };

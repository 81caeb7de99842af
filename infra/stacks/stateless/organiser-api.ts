import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { AccountRecovery, FeaturePlan, Mfa, UserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { registrationsTable, sessionsTable } from '../../../shared/adapters/dynamodb/table-specs';
import type { StageConfig } from '../../config';
import { ProjectFunction } from '../../constructs/project-function';
import type { Tables } from './tables';

/** The Cognito group whose members may call the organiser routes (checked by the admin API). */
export const ORGANISERS_GROUP = 'organisers';

export interface OrganiserApiProps {
  config: StageConfig;
  tables: Tables;
  /** Check-in codes are verified with it (shared/domain/check-in-code.ts). */
  manageTokenSecret: string;
}

export interface OrganiserApi {
  fn: ProjectFunction<'admin-api'>;
  userPool: UserPool;
  userPoolClient: UserPoolClient;
  authorizer: HttpUserPoolAuthorizer;
}

/**
 * The admin function and the organisers' sign-in. The JWT authorizer checks issuer and audience,
 * and the admin API checks the `organisers` group claim (401 without a token, 403 without the group).
 */
export function addOrganiserApi(scope: Stack, { config, tables, manageTokenSecret }: OrganiserApiProps): OrganiserApi {
  const fn = ProjectFunction.named(scope, {
    name: 'admin-api',
    description: 'Organiser HTTP routes behind the Cognito JWT authorizer',
    config,
    memorySize: 1024,
  })
    .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'write')
    .bindTable('REGISTRATIONS_TABLE', tables.registrations, registrationsTable, 'write')
    .setEnv('PUBLIC_BASE_URL', config.publicBaseUrl)
    .setEnv('UID_DOMAIN', config.mail.uidDomain)
    .setEnv('MANAGE_TOKEN_SECRET', manageTokenSecret);

  const userPool = new UserPool(scope, 'OrganiserPool', {
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    autoVerify: { email: true },
    mfa: Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
    },
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    featurePlan: FeaturePlan.ESSENTIALS,
    deletionProtection: config.retention.deletionProtection,
    removalPolicy: config.retention.removal === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  userPool.addGroup('OrganisersGroup', {
    groupName: ORGANISERS_GROUP,
    description: 'May manage sessions and read registrations',
  });
  const userPoolClient = userPool.addClient('OrganiserClient', {
    authFlows: { userSrp: true },
    generateSecret: false,
    preventUserExistenceErrors: true,
    accessTokenValidity: Duration.hours(1),
    idTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.days(30),
  });
  const authorizer = new HttpUserPoolAuthorizer('OrganiserAuthorizer', userPool, {
    userPoolClients: [userPoolClient],
  });
  return { fn, userPool, userPoolClient, authorizer };
}

import { type CfnResource, Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  type CfnUserPoolClient,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { registrationsTable, sessionsTable } from '../../../shared/adapters/dynamodb/table-specs';
import type { LinkedStageConfig } from '../../config';
import { ProjectFunction } from '../../constructs/project-function';
import type { Tables } from './tables';

/** The Cognito group whose members may call the organiser routes (checked by the admin API). */
export const ORGANISERS_GROUP = 'organisers';

/** Where the console lives on the site; its callback and sign-out pages are under it. */
export const CONSOLE_PATH = '/console/';

/** The CLI's loopback redirect (docs/sign-in.md); the local emulator registers the same one. */
export const CLI_CALLBACK_URL = 'http://127.0.0.1/callback';

export interface OrganiserApiProps {
  config: LinkedStageConfig;
  tables: Tables;
  /** Origin of the hosted pages and console, e.g. https://d123.cloudfront.net (may be a token). */
  siteUrl: string;
}

export interface OrganiserApi {
  fn: ProjectFunction<'admin-api'>;
  userPool: UserPool;
  userPoolClient: UserPoolClient;
  userPoolDomain: UserPoolDomain;
  authorizer: HttpUserPoolAuthorizer;
  /** The OIDC issuer the console and the CLI read discovery from. */
  issuerUrl: string;
  /** Base URL of managed login (`/oauth2/authorize`, `/oauth2/token`, `/logout`). */
  signInUrl: string;
}

/**
 * The admin function and the organisers' sign-in: Cognito managed login on a user pool domain and
 * one public app client (authorization code + PKCE). The JWT authorizer checks issuer and audience,
 * and the admin API checks the `organisers` group claim (401 without a token, 403 without the group).
 */
export function addOrganiserApi(scope: Stack, { config, tables, siteUrl }: OrganiserApiProps): OrganiserApi {
  const fn = ProjectFunction.named(scope, {
    name: 'admin-api',
    description: 'Organiser HTTP routes behind the Cognito JWT authorizer',
    config,
    memorySize: 1024,
  })
    .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'write')
    .bindTable('REGISTRATIONS_TABLE', tables.registrations, registrationsTable, 'write')
    .setEnv('PUBLIC_BASE_URL', config.publicBaseUrl)
    .setEnv('UID_DOMAIN', config.mail.uidDomain);

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

  const consoleUrl = `${siteUrl}${CONSOLE_PATH}`;
  const { cliCallbackPort } = config.signIn;
  const userPoolClient = userPool.addClient('OrganiserClient', {
    generateSecret: false,
    oAuth: {
      flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
      scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
      callbackUrls: [
        `${consoleUrl}callback`,
        CLI_CALLBACK_URL,
        ...(cliCallbackPort ? [`http://127.0.0.1:${cliCallbackPort}/callback`] : []),
      ],
      logoutUrls: [consoleUrl],
    },
    supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    accessTokenValidity: Duration.hours(1),
    idTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.days(30),
  });
  // Managed login is the only way in (with its TOTP step): no SRP or password sign-in through the
  // user-pool API, which would bypass the redirect URIs. Refreshing a managed-login session remains.
  (userPoolClient.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];

  const { customDomain } = config.signIn;
  const userPoolDomain = userPool.addDomain('OrganiserDomain', {
    managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    ...(customDomain
      ? {
          customDomain: {
            domainName: customDomain.domainName,
            certificate: Certificate.fromCertificateArn(scope, 'SignInCertificate', customDomain.certificateArn),
          },
        }
      : {
          cognitoDomain: {
            domainPrefix: config.signIn.domainPrefix ?? `stadsgesprekken-${config.stage}-${scope.account}`,
          },
        }),
  });
  // Managed login (v2) shows its pages only for app clients with a branding style; Cognito's own is enough.
  new CfnManagedLoginBranding(scope, 'OrganiserLoginBranding', {
    userPoolId: userPool.userPoolId,
    clientId: userPoolClient.userPoolClientId,
    useCognitoProvidedValues: true,
  }).addResourceDependency(userPoolDomain.node.defaultChild as CfnResource);

  const authorizer = new HttpUserPoolAuthorizer('OrganiserAuthorizer', userPool, {
    userPoolClients: [userPoolClient],
  });
  return {
    fn,
    userPool,
    userPoolClient,
    userPoolDomain,
    authorizer,
    issuerUrl: `https://${userPool.userPoolProviderUrl}`,
    signInUrl: customDomain ? `https://${customDomain.domainName}` : userPoolDomain.baseUrl(),
  };
}

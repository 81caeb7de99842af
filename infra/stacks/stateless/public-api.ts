import { Duration, type Stack } from 'aws-cdk-lib';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { registrationsTable, sessionsTable } from '../../../shared/adapters/dynamodb/table-specs';
import type { LinkedStageConfig } from '../../config';
import { ProjectFunction } from '../../constructs/project-function';
import type { Tables } from './tables';

export interface PublicApiProps {
  config: LinkedStageConfig;
  tables: Tables;
  manageTokenSecret: ISecret;
}

/** The function behind the public routes: programme, registration, manage link, feedback, privacy. */
export const addPublicApi = (scope: Stack, { config, tables, manageTokenSecret }: PublicApiProps) =>
  ProjectFunction.named(scope, {
    name: 'public-api',
    description: 'Public HTTP routes: sessions, registration, manage link, feedback, privacy',
    config,
    memorySize: 1024,
    // A registration waits up to 8 s for the placement queue's outcome, then withdraws it: the
    // function must outlive that wait with room (the HTTP API's own limit is 30 s).
    timeout: Duration.seconds(15),
  })
    .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'write')
    .bindTable('REGISTRATIONS_TABLE', tables.registrations, registrationsTable, 'write')
    .setEnv('PUBLIC_BASE_URL', config.publicBaseUrl)
    .bindManageTokenSecret(manageTokenSecret);

export interface PublicDocumentsProps {
  config: LinkedStageConfig;
  tables: Tables;
}

/**
 * The function behind the public routes that generate documents: the calendar files (a session's,
 * the programme's, a person's own feed) and the OpenAPI document (shared/http/public/documents.ts,
 * person-feed.ts). It only reads (the person feed: the person by token hash, their registrations,
 * the sessions) and needs no manage-token key: the feed's token is hashed, not derived. Like the two
 * API functions it gets the origin secret (bound in the stateless stack) and refuses direct
 * execute-api calls.
 */
export const addPublicDocuments = (scope: Stack, { config, tables }: PublicDocumentsProps) =>
  ProjectFunction.named(scope, {
    name: 'public-documents',
    description: 'Public HTTP routes that generate documents: calendar files, the OpenAPI document',
    config,
    memorySize: 1024,
  })
    .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'read')
    .bindTable('REGISTRATIONS_TABLE', tables.registrations, registrationsTable, 'read')
    .setEnv('PUBLIC_BASE_URL', config.publicBaseUrl)
    .setEnv('UID_DOMAIN', config.mail.uidDomain)
    .setEnv('MAIL_FROM', config.mail.from);

import type { Stack } from 'aws-cdk-lib';
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
  })
    .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'write')
    .bindTable('REGISTRATIONS_TABLE', tables.registrations, registrationsTable, 'write')
    .setEnv('PUBLIC_BASE_URL', config.publicBaseUrl)
    .setEnv('UID_DOMAIN', config.mail.uidDomain)
    .setEnv('MAIL_FROM', config.mail.from)
    .bindManageTokenSecret(manageTokenSecret);

export interface PublicDocumentsProps {
  config: LinkedStageConfig;
  tables: Tables;
}

/**
 * The function behind the public routes that generate documents: the calendar files and the
 * OpenAPI document (shared/http/public/documents.ts). It only reads sessions and holds no secret.
 */
export const addPublicDocuments = (scope: Stack, { config, tables }: PublicDocumentsProps) =>
  ProjectFunction.named(scope, {
    name: 'public-documents',
    description: 'Public HTTP routes that generate documents: calendar files, the OpenAPI document',
    config,
    memorySize: 1024,
  })
    .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'read')
    .setEnv('PUBLIC_BASE_URL', config.publicBaseUrl)
    .setEnv('UID_DOMAIN', config.mail.uidDomain)
    .setEnv('MAIL_FROM', config.mail.from);

import type { Stack } from 'aws-cdk-lib';
import { registrationsTable, sessionsTable } from '../../../shared/adapters/dynamodb/table-specs';
import type { LinkedStageConfig } from '../../config';
import { ProjectFunction } from '../../constructs/project-function';
import type { Tables } from './tables';

export interface PublicApiProps {
  config: LinkedStageConfig;
  tables: Tables;
  manageTokenSecret: string;
}

/** The function behind the public routes: programme, registration, manage link, calendars, privacy. */
export const addPublicApi = (scope: Stack, { config, tables, manageTokenSecret }: PublicApiProps) =>
  ProjectFunction.named(scope, {
    name: 'public-api',
    description: 'Public HTTP routes: sessions, registration, manage link, calendars',
    config,
    memorySize: 1024,
  })
    .bindTable('SESSIONS_TABLE', tables.sessions, sessionsTable, 'write')
    .bindTable('REGISTRATIONS_TABLE', tables.registrations, registrationsTable, 'write')
    .setEnv('PUBLIC_BASE_URL', config.publicBaseUrl)
    .setEnv('UID_DOMAIN', config.mail.uidDomain)
    .setEnv('MAIL_FROM', config.mail.from)
    .setEnv('MANAGE_TOKEN_SECRET', manageTokenSecret);

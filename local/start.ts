import './quiet-warnings';
/**
 * `npm start`: the whole backend on this machine. DynamoDB Local (persisting under .local/),
 * the tables, the demo programme (or PROGRAMME_FILE), and the API on http://localhost:3000.
 */
import { createLocalAuth } from './auth';
import { demoProgramme } from './demo-programme';
import { JavaMissing, startDynamoDbLocal } from './engines/dynamodb';
import { type RunningSes, startSesEmulator } from './engines/ses';
import { localStackClient, signInBanner, signInPageUrl } from './oauth/local-stack';
import { BadProgrammeFile, parseProgramme, readProgrammeFile } from './programme';
import { startLocalStack } from './stack';

const port = Number(process.env.PORT ?? 3000);
const dynamoPort = Number(process.env.DYNAMODB_PORT ?? 8000);
const sesPort = Number(process.env.SES_PORT ?? 8005);
const dataDir = process.env.LOCAL_DATA_DIR ?? '.local/dynamodb';

async function main() {
  const programme = process.env.PROGRAMME_FILE
    ? readProgrammeFile(process.env.PROGRAMME_FILE)
    : // Parsed so that a bad PRIVACY_NOTICE_URL is refused with the field named.
      parseProgramme(demoProgramme(new Date(), { privacyNoticeUrl: process.env.PRIVACY_NOTICE_URL }), 'demo');
  const dynamo = await startDynamoDbLocal({ port: dynamoPort, dataDir });
  // The signing key persists under .local/ so a printed organiser token survives restarts.
  const auth = await createLocalAuth({ keyFile: process.env.LOCAL_AUTH_KEY_FILE ?? '.local/auth/organiser-key.json' });
  let stack: Awaited<ReturnType<typeof startLocalStack>> | undefined;
  let ses: RunningSes | undefined;
  const shutdown = async (signal: string) => {
    console.log(`\n${signal}: stopping…`);
    await stack?.stop().catch(() => undefined);
    await ses?.stop().catch(() => undefined);
    await dynamo.stop();
    console.log('Stopped. Data is kept under .local/ for the next start.');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    ses = await startSesEmulator({ port: sesPort });
    stack = await startLocalStack({
      sesEndpoint: ses.endpoint,
      manageTokenSecret: process.env.MANAGE_TOKEN_SECRET,
      dynamoDbEndpoint: dynamo.endpoint,
      tablePrefix: 'local-',
      programme,
      port,
      host: process.env.HOST ?? '127.0.0.1',
      publicBaseUrl: process.env.PUBLIC_BASE_URL,
      auth,
    });
  } catch (e) {
    await ses?.stop().catch(() => undefined);
    await dynamo.stop();
    throw e;
  }
  const { inserted, kept } = stack.loaded ?? { inserted: 0, kept: 0 };
  const organiserToken = await auth.signToken();
  console.log(
    [
      '',
      'Stadsgesprekken is running locally.',
      `  API              ${stack.apiUrl}   (try: curl ${stack.apiUrl}/sessions)`,
      `  OpenAPI          ${stack.apiUrl}/openapi.json`,
      `  Feedback report  ${stack.apiUrl}/admin/reports/feedback?format=md   (organiser token; json, csv, md)`,
      `  DynamoDB Local   ${dynamo.endpoint}   (data in ${dataDir})`,
      `  Sent mail        ${ses?.webUrl}   (JSON: ${ses?.storeUrl})`,
      `  Time travel      curl -XPOST ${stack.apiUrl}/_local/time-travel -d '{"to":"2027-03-28T14:00:00Z"}'   (fires due reminders)`,
      `  Programme        ${programme.id}: ${inserted} session(s) loaded, ${kept} kept from an earlier run`,
      '',
      'Organiser token (group organisers, valid 12 h):',
      `  ${organiserToken}`,
      `  try: curl -H "Authorization: Bearer $TOKEN" ${stack.apiUrl}/admin/sessions`,
      '',
      ...stack.signIn.users
        .slice(0, 1)
        .flatMap((user) => [
          ...signInBanner({ issuer: stack.signIn.issuer, clientId: stack.signIn.clientId, user }),
          `  Sign-in page     ${signInPageUrl(stack.signIn.issuer, localStackClient(stack.signIn.issuer))}`,
          '',
        ]),
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
}

main().catch((e) => {
  if (e instanceof JavaMissing || e instanceof BadProgrammeFile) {
    console.error(`\n${e.message}\n`);
  } else if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(
      `\nA port is in use (API ${port}, SES emulator ${sesPort}). Start with others, e.g. PORT=3100 SES_PORT=8105 npm start\n`,
    );
  } else {
    console.error(e);
  }
  process.exit(1);
});

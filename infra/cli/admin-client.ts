/**
 * The organiser API calls the CLI makes (the HTTP contract, section "Programmes"). The bearer token
 * is passed in, never stored.
 */
export type SessionOutcome = 'created' | 'updated' | 'unchanged' | 'missing' | 'conflict';

export interface ImportReport {
  programme: 'created' | 'updated' | 'unchanged';
  /** Echoed by the API; the table takes it from the command line. */
  dryRun?: boolean;
  sessions: { id: string; outcome: SessionOutcome; notified: number; reason?: string }[];
}

export class ApiRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

const joinUrl = (api: string, path: string) => `${api.replace(/\/+$/, '')}${path}`;

async function call(token: string, url: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(url, {
    ...init,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...init.headers },
  });
  const text = await response.text();
  const body: unknown = text ? safeJson(text) : null;
  if (response.ok) return body;
  const problem = (body ?? {}) as { title?: string; detail?: string; errors?: { field: string; message: string }[] };
  const why =
    response.status === 401
      ? 'not signed in (401): the token was refused'
      : response.status === 403
        ? 'forbidden (403): this account is not in the organisers group'
        : `${response.status} ${problem.title ?? response.statusText}${problem.detail ? `: ${problem.detail}` : ''}`;
  throw new ApiRefused(response.status, why, Array.isArray(problem.errors) ? problem.errors : []);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 200) };
  }
}

export async function importProgramme(
  api: string,
  token: string,
  programme: unknown,
  dryRun: boolean,
): Promise<ImportReport> {
  const url = joinUrl(api, `/admin/programmes/import${dryRun ? '?dryRun=true' : ''}`);
  return (await call(token, url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(programme),
  })) as ImportReport;
}

/** Fields of a session as the programme file carries them; the rest (seats, version) is state. */
const SESSION_FILE_FIELDS = [
  'id',
  'kind',
  'title',
  'description',
  'date',
  'startTime',
  'endTime',
  'location',
  'capacity',
  'provisional',
  'registrationOpen',
  'reminders',
] as const;
const SETTINGS_STATE_FIELDS = new Set(['version', 'createdAt', 'updatedAt', 'expectedVersion', 'sessions']);

/** The organiser view says `description: null` for none; the file leaves it out. */
const inFile = (field: string, value: unknown) => value !== undefined && !(field === 'description' && value === null);

/**
 * A programme file from the programme's settings and its sessions, ready to edit and import again.
 * Cancelled sessions are left out (the file has no way to say "cancelled") and listed apart.
 */
export async function exportProgramme(
  api: string,
  token: string,
  programmeId: string,
): Promise<{ file: Record<string, unknown>; cancelled: string[] }> {
  const answer = (await call(token, joinUrl(api, `/admin/programmes/${encodeURIComponent(programmeId)}`))) as Record<
    string,
    unknown
  >;
  const settings = (answer.programme ?? answer) as Record<string, unknown>;
  const { sessions } = (await call(token, joinUrl(api, '/admin/sessions'))) as {
    sessions: Record<string, unknown>[];
  };
  const file: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(settings)) if (!SETTINGS_STATE_FIELDS.has(k)) file[k] = v;
  file.id = programmeId;
  const own = sessions.filter((s) => s.programmeId === undefined || s.programmeId === programmeId);
  file.sessions = own
    .filter((s) => s.status !== 'cancelled')
    .map((s) => Object.fromEntries(SESSION_FILE_FIELDS.filter((f) => inFile(f, s[f])).map((f) => [f, s[f]])));
  return { file, cancelled: own.filter((s) => s.status === 'cancelled').map((s) => String(s.id)) };
}

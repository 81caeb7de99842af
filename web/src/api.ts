import type {
  ApiErasure,
  ApiFeedbackPage,
  ApiOffer,
  ApiProgramme,
  ApiRegistration,
  ApiSession,
  ProblemDetails,
} from './types';
import { apiUrl } from './urls';

/** The outcome of one API call: the parsed body on success, else the status and problem details. */
export type ApiResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; problem: ProblemDetails | null }
  | { ok: false; status: 0; problem: null; networkError: true };

async function call<T>(url: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: { accept: 'application/json, application/problem+json', ...(init.headers ?? {}) },
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return { ok: false, status: 0, problem: null, networkError: true };
  }
  let body: unknown = null;
  const type = res.headers.get('content-type') ?? '';
  if (/json/i.test(type)) {
    try {
      body = await res.json();
    } catch {
      body = null;
    }
  }
  if (res.ok) return { ok: true, status: res.status, body: body as T };
  const problem = body && typeof body === 'object' ? (body as ProblemDetails) : null;
  return { ok: false, status: res.status, problem };
}

const postJson = <T>(url: string, payload: unknown) =>
  call<T>(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });

export interface RegistrationPayload {
  name: string;
  email: string;
  role: string;
  organisation?: string;
  neighbourhood?: string;
  area?: string;
  areaOther?: string;
  postcode?: string;
  language: string;
  consent: boolean;
  website: string;
  /** Answers to the programme's registration questions, by question id. */
  answers?: Record<string, string | string[] | boolean>;
}

export interface Registered {
  registration: ApiRegistration;
  manageUrl: string;
  manageToken: string;
}

/** One session's outcome in a programme registration (or in adding sessions on the person page). */
export interface SessionOutcome {
  sessionId: string;
  status?: ApiRegistration['status'];
  waitlistPosition?: number | null;
  problem?: ProblemDetails;
}

export interface ProgrammeRegistered {
  registrations: SessionOutcome[];
  personUrl: string | null;
  personToken: string | null;
}

/** GET /people/{token}. */
export interface ApiPerson {
  programmeId: string;
  email: string;
  language: 'nl' | 'en';
  following: boolean;
  registrations: Array<{ registration: ApiRegistration; session: ApiSession }>;
  sessions: ApiSession[];
}

export const createApi = (base: string) => ({
  sessions: () => call<{ sessions: ApiSession[] }>(apiUrl(base, 'sessions')),
  session: (id: string) => call<ApiSession>(apiUrl(base, 'sessions', id)),
  register: (sessionId: string, payload: RegistrationPayload) =>
    postJson<Registered>(apiUrl(base, 'sessions', sessionId, 'registrations'), payload),
  registration: (token: string) =>
    call<{ registration: ApiRegistration; session: ApiSession; checkInCode?: string | null }>(
      apiUrl(base, 'registrations', token),
    ),
  cancel: (token: string) =>
    call<{ registration: ApiRegistration }>(apiUrl(base, 'registrations', token, 'cancel'), { method: 'POST' }),
  /** A seat offered from the waiting list: open until when, or claimed, lapsed, none (this GET changes nothing). */
  offer: (token: string) => call<ApiOffer>(apiUrl(base, 'registrations', token, 'offer')),
  /** Takes the offered seat (409 `no-offer`, 410 `offer-expired`, 409 `session-cancelled` when it cannot). */
  claimOffer: (token: string) =>
    call<ApiOffer & { claimedNow: boolean }>(apiUrl(base, 'registrations', token, 'offer'), { method: 'POST' }),
  programme: (id: string) => call<{ programme: ApiProgramme }>(apiUrl(base, 'programmes', id)),
  /** Everything held about the registration (AVG access); the body is offered as a file. */
  exportData: (token: string) => call<Record<string, unknown>>(apiUrl(base, 'registrations', token, 'export')),
  erase: (token: string) =>
    call<{ erasure: ApiErasure }>(apiUrl(base, 'registrations', token, 'erase'), { method: 'POST' }),
  registerProgramme: (programmeId: string, payload: RegistrationPayload & { sessions: string[]; follow: boolean }) =>
    postJson<ProgrammeRegistered>(apiUrl(base, 'programmes', programmeId, 'registrations'), payload),
  person: (token: string) => call<ApiPerson>(apiUrl(base, 'people', token)),
  cancelForPerson: (token: string, sessionId: string) =>
    call<{ registration: ApiRegistration }>(apiUrl(base, 'people', token, 'registrations', sessionId, 'cancel'), {
      method: 'POST',
    }),
  addSessions: (token: string, sessions: string[]) =>
    postJson<{ registrations: SessionOutcome[] }>(apiUrl(base, 'people', token, 'registrations'), { sessions }),
  setFollowing: (token: string, following: boolean) =>
    postJson<{ following: boolean }>(apiUrl(base, 'people', token, 'following'), { following }),
  /** Everything the programme holds for the person's address; the body is offered as a file. */
  exportPerson: (token: string) => call<Record<string, unknown>>(apiUrl(base, 'people', token, 'export')),
  erasePerson: (token: string) =>
    call<{ erasure: { cancelled: number } }>(apiUrl(base, 'people', token, 'erase'), { method: 'POST' }),
  /** Asks for the person link by mail; the answer is the same for every address. */
  requestPersonLink: (email: string, programmeId: string) =>
    postJson<{ request: string }>(apiUrl(base, 'people', 'requests'), { email, programmeId }),
  feedbackPage: (token: string) => call<ApiFeedbackPage>(apiUrl(base, 'feedback', token)),
  submitFeedback: (token: string, payload: unknown) =>
    postJson<{ feedback: ApiFeedbackPage['feedback'] }>(apiUrl(base, 'feedback', token), payload),
});

export type Api = ReturnType<typeof createApi>;

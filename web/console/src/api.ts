import { currentToken } from './auth';

export interface Problem {
  type?: string;
  title?: string;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
}

export type Answer<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; problem: Problem; offline: boolean };

/**
 * The organiser API with the bearer token. A 401 (the hour is up) calls `onExpired`, which saves
 * the route and sends the organiser to sign in; drafts are kept by the forms themselves.
 */
export function createApi(base: string, onExpired: () => void) {
  const url = (path: string) => `${base.replace(/\/+$/, '')}${path}`;

  async function send<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const token = currentToken();
    if (!token) {
      onExpired();
      return { ok: false, status: 401, problem: { title: 'unauthorized' }, offline: false };
    }
    let res: Response;
    try {
      res = await fetch(url(path), {
        method,
        headers: {
          authorization: `Bearer ${token.accessToken}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      return { ok: false, status: 0, problem: {}, offline: true };
    }
    if (res.status === 401) onExpired();
    const text = await res.text();
    const json = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    if (res.ok) return { ok: true, status: res.status, body: json as T };
    return {
      ok: false,
      status: res.status,
      problem: (typeof json === 'object' ? json : {}) as Problem,
      offline: false,
    };
  }

  return {
    get: <T>(path: string) => send<T>('GET', path),
    post: <T>(path: string, body?: unknown) => send<T>('POST', path, body ?? {}),
    patch: <T>(path: string, body: unknown) => send<T>('PATCH', path, body),
    put: <T>(path: string, body: unknown) => send<T>('PUT', path, body),
    del: <T>(path: string) => send<T>('DELETE', path),
    /** A file download (CSV, Markdown) fetched with the token, handed to the browser as a blob. */
    async download(path: string, filename: string): Promise<boolean> {
      const r = await send<string>('GET', path);
      if (!r.ok) return false;
      // fetch drops the byte order mark Excel needs to read UTF-8; put it back.
      const text = filename.endsWith('.csv') ? `\ufeff${r.body}` : r.body;
      const blob = new Blob([text], { type: 'text/plain;charset=utf-8' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      return true;
    },
  };
}

export type Api = ReturnType<typeof createApi>;

/** A problem in words: the field errors, else the detail or title. */
export const problemText = (p: Problem): string =>
  p.errors?.map((e) => `${e.field}: ${e.message}`).join('; ') || p.detail || p.title || '';

import type { ViewName } from './context';
import { isLang } from './i18n';
import type { Lang } from './types';

/** What config.js may set (window.stadsgesprekkenConfig) for our own plain pages. */
export interface WidgetConfig {
  api?: string;
  privacyUrl?: string;
}

export interface ResolvedOptions {
  view: ViewName;
  lang: Lang;
  apiBase: string;
  pagesBase: string;
  privacyUrl: string | null;
  headingLevel: number;
  session?: string;
  token?: string;
  programme?: string;
  take?: string;
  mailed: boolean;
  /** The person page after a form post erased everything of the person (`?erased=1`). */
  erased: boolean;
  /** The person page after a plain form post asked for the person link (`?requested=1`). */
  requested: boolean;
  registered: boolean;
  saved: boolean;
  /** `?action=cancel` (the "I can't come" link in reminders): open the manage page on its cancel confirmation. */
  cancelRequested: boolean;
  /** A plain page of our own (not an embed): the widget owns <html lang>, the title and the URL. */
  page: boolean;
  target: string | null;
}

const viewNames: readonly ViewName[] = ['programme', 'register', 'manage', 'feedback', 'programme-register', 'person'];

const httpUrl = (u: string | undefined): string | null => {
  if (!u) return null;
  try {
    // Relative URLs (/privacy) are fine; only http(s) schemes are, so no javascript: links.
    const p = new URL(u, 'https://relative.invalid/');
    return p.protocol === 'https:' || p.protocol === 'http:' ? u : null;
  } catch {
    return null;
  }
};

/**
 * Combine the script's data-* attributes (first), config.js, and the page URL (for ?session=,
 * ?token= and ?lang=, as the links in emails carry them). Pure, so it is unit tested.
 */
export function resolveOptions(input: {
  data: Record<string, string | undefined>;
  config: WidgetConfig;
  search: string;
  scriptSrc: string;
  documentLang: string;
}): ResolvedOptions {
  const { data, config } = input;
  const query = new URLSearchParams(input.search);
  const view = viewNames.find((v) => v === data.view) ?? 'programme';
  const queryLang = query.get('lang');
  const docLang = input.documentLang.slice(0, 2).toLowerCase();
  const lang: Lang = isLang(queryLang) ? queryLang : isLang(data.lang) ? data.lang : isLang(docLang) ? docLang : 'nl';
  const level = Number(data.headingLevel);
  const page = data.page === 'true';
  // Absolute API base when given; relative ('' = same origin as the page) otherwise.
  // An organiser's typo must not turn into a javascript: form action; anything but http(s) or a path is ignored.
  const api = (data.api ?? config.api ?? '').trim();
  const apiBase = httpUrl(api) ?? '';
  let pagesBase = '';
  try {
    pagesBase = input.scriptSrc ? new URL('.', input.scriptSrc).href : '';
  } catch {
    pagesBase = '';
  }
  return {
    view,
    lang,
    apiBase,
    pagesBase,
    privacyUrl: httpUrl(data.privacyUrl ?? config.privacyUrl),
    headingLevel: Number.isInteger(level) && level >= 1 && level <= 5 ? level : page ? 1 : 2,
    session: data.session || query.get('session') || undefined,
    token: data.token || query.get('token') || undefined,
    programme: data.programme || query.get('programme') || undefined,
    take: query.get('take') || undefined,
    mailed: query.get('mailed') === '1',
    erased: query.get('erased') === '1',
    requested: query.get('requested') === '1',
    registered: query.get('registered') === '1',
    saved: query.get('saved') === '1',
    cancelRequested: query.get('action') === 'cancel',
    page,
    target: data.target || null,
  };
}

import type { Localised } from '../../localise';
import type { Block, Inline } from '../blocks';
import type { BaseEmailInput } from '../input';
import type { Say } from './parts/text';

/** What a template writes; the renderer adds greeting and footer and renders text, HTML and invite. */
export interface ComposedEmail {
  subject: string;
  heading: Inline[];
  blocks: Block[];
  /** Which calendar change to attach, if any. */
  attach?: 'REQUEST' | 'CANCEL';
}

/** The pieces most emails use, worked out once per email in the reader's language. */
export interface Common {
  say: Say;
  title: Localised;
  titleText: string;
  programme: Localised;
  /** The session's date in words. */
  date: string;
  hasSeat: boolean;
  details: Block;
  provisional: Block[];
  manage: Block;
}

/**
 * One kind of email. `compose` is a method, not a function property, so that the registry can hold
 * templates with different inputs under one type (method parameters are compared bivariantly).
 */
export interface Template<Input extends BaseEmailInput> {
  compose(input: Input, common: Common): ComposedEmail;
}

export type InputOf<T> = T extends Template<infer Input> ? Input : never;

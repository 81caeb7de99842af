import type { AccessNeed } from '../default-questions';
import { localise } from '../localise';
import type { Session } from '../model';
import type { Language } from '../schemas';
import { formatLocation, formatWhen } from '../session-format';
import { type Block, type Document, renderHtml, renderText } from './blocks';
import { oneLine, p, sayer } from './templates/parts/text';

/**
 * The organisers' "to arrange" mail of a session: per access need how many asked and who, for the
 * hosts. Not a registrant's mail, so it stands outside the template registry (whose input is one
 * registration); it is built from the same blocks, so text and HTML agree and everything is escaped.
 */
export interface AccessSummaryLine {
  need: AccessNeed;
  label: { nl: string; en: string };
  count: number;
  arranged: boolean;
  people: Array<{ name: string; status: string; note: string | null }>;
}

export interface AccessSummaryInput {
  session: Session;
  language: Language;
  lines: AccessSummaryLine[];
  /** The organisers' page of the session's access needs (marking "arranged"), when known. */
  consoleLink?: string;
}

export function renderAccessSummary(input: AccessSummaryInput): { subject: string; text: string; html: string } {
  const { session, language } = input;
  const say = sayer(language);
  const title = localise(session.title, language).text;
  const asked = input.lines.filter((l) => l.count > 0);
  const open = asked.filter((l) => !l.arranged);
  const subject = oneLine(
    say(
      `Te regelen: ${open.length} toegankelijkheidswensen voor ${title}`,
      `To arrange: ${open.length} access needs for ${title}`,
    ),
  );
  const blocks: Block[] = [
    { type: 'heading', content: [say('Te regelen voor ', 'To arrange for '), { strong: title }] },
    p(formatWhen(session, language), ' · ', formatLocation(session.location, language)),
    {
      type: 'details',
      items: asked.map((l) => ({
        term: l.label[language],
        value: [
          `${l.count} `,
          l.arranged ? say('(geregeld)', '(arranged)') : { strong: say('(nog te regelen)', '(still to arrange)') },
        ],
      })),
    },
  ];
  for (const l of asked) {
    blocks.push({
      type: 'paragraph',
      content: [
        { strong: `${l.label[language]}: ` },
        l.people
          .map((x) => `${x.name}${x.status === 'confirmed' ? '' : ` (${x.status})`}${x.note ? ` – "${x.note}"` : ''}`)
          .join('; '),
      ],
    });
  }
  blocks.push(
    p(
      say(
        'Deze gegevens zijn bijzondere persoonsgegevens: deel ze alleen met wie de bijeenkomst host, en bewaar deze mail niet langer dan nodig. Een week na de bijeenkomst worden de antwoorden gewist.',
        'This is special-category personal data: share it only with the hosts of the session, and do not keep this mail longer than needed. The answers are erased a week after the session.',
      ),
    ),
  );
  if (input.consoleLink) {
    blocks.push({
      type: 'action',
      href: input.consoleLink,
      label: say('Markeer wat geregeld is', 'Mark what is arranged'),
    });
  }
  const doc: Document = { language, title: subject, blocks };
  return { subject, text: renderText(doc), html: renderHtml(doc) };
}

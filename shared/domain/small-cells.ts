/**
 * Small-cell suppression for reports that leave the organisation (the reach report goes to the
 * alderman as it is). A count of 1 to 4 people is shown as `<5`; a count of 0 names nobody and is
 * shown as it is. Pure: no I/O, deterministic, so the same numbers are always withheld the same way
 * (two tables that share a column never reveal each other's hidden cells).
 *
 * The differencing trap: when a line shows its total and all but one of its cells, the hidden
 * cell is the total minus the others. So a line with one primarily suppressed cell gets a second,
 * complementary one withheld (the smallest other non-zero cell), and when no such cell exists
 * the total is withheld. A total itself under 5 is suppressed like any cell.
 */

export const SMALL_CELL_THRESHOLD = 5;

/** A count as published: the number, or why it is not shown. */
export type PublishedCount =
  | { value: number; suppressed: null }
  /** Under the threshold: shown as `<5`. */
  | { value: null; suppressed: 'small' }
  /** Not small itself, withheld so that no small cell can be worked out from the others. */
  | { value: null; suppressed: 'complementary' };

export const isSmall = (n: number): boolean => n > 0 && n < SMALL_CELL_THRESHOLD;

const shown = (value: number): PublishedCount => ({ value, suppressed: null });
const small: PublishedCount = { value: null, suppressed: 'small' };
const complementary: PublishedCount = { value: null, suppressed: 'complementary' };

/** One count on its own (no total beside it to subtract from). */
export const publishCount = (n: number): PublishedCount => (isSmall(n) ? small : shown(n));

export interface PublishedLine<K extends string> {
  cells: Record<K, PublishedCount>;
  total: PublishedCount;
}

/**
 * A line of cells that add up to `total` (a breakdown of one population by one attribute). The
 * result never lets `total − visible cells` single out a suppressed cell: either two or more
 * cells are withheld, or the total is.
 */
export function publishLine<K extends string>(
  counts: Readonly<Record<K, number>>,
  total: number = sumOf(counts),
): PublishedLine<K> {
  const keys = Object.keys(counts) as K[];
  const cells = Object.fromEntries(keys.map((k) => [k, publishCount(counts[k])])) as Record<K, PublishedCount>;
  let publishedTotal = publishCount(total);
  const hidden = keys.filter((k) => cells[k].suppressed !== null);
  if (hidden.length === 1 && publishedTotal.suppressed === null) {
    // Smallest visible non-zero cell, ties broken by key so the choice is stable.
    const candidate = keys
      .filter((k) => cells[k].suppressed === null && counts[k] > 0)
      .sort((a, b) => counts[a] - counts[b] || a.localeCompare(b))[0];
    if (candidate !== undefined) cells[candidate] = complementary;
    else publishedTotal = complementary;
  }
  return { cells, total: publishedTotal };
}

/**
 * Columns of a table whose rows are groups and whose columns are stages or measures, each column
 * with its own total over the groups (the funnel per group). Every column is protected as a line;
 * rows do not add up to anything, so nothing can be subtracted along them.
 */
export function publishColumns<G extends string, C extends string>(
  table: Readonly<Record<G, Readonly<Record<C, number>>>>,
  columns: readonly C[],
): { rows: Record<G, Record<C, PublishedCount>>; totals: Record<C, PublishedCount> } {
  const groups = Object.keys(table) as G[];
  const rows = Object.fromEntries(groups.map((g) => [g, {}])) as Record<G, Record<C, PublishedCount>>;
  const totals = {} as Record<C, PublishedCount>;
  for (const c of columns) {
    const line = publishLine(Object.fromEntries(groups.map((g) => [g, table[g][c]])) as Record<G, number>);
    for (const g of groups) rows[g][c] = line.cells[g];
    totals[c] = line.total;
  }
  return { rows, totals };
}

function sumOf(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** A published count as text: the number, `<5`, or `x` for a complementary withholding. */
export function countText(c: PublishedCount): string {
  if (c.suppressed === 'small') return `<${SMALL_CELL_THRESHOLD}`;
  if (c.suppressed === 'complementary') return 'x';
  return String(c.value);
}

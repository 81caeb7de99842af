import type { ImportReport, SessionOutcome } from './admin-client';

const OUTCOMES: SessionOutcome[] = ['created', 'updated', 'unchanged', 'missing', 'conflict'];

/** The import report as a plain-text table with a count per outcome underneath. */
export function formatImportReport(report: ImportReport, dryRun: boolean): string {
  const rows = report.sessions.map((s) => [s.id, s.outcome, String(s.notified ?? 0), s.reason ?? '']);
  const header = ['session', 'outcome', 'notified', 'reason'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const counts = OUTCOMES.map((o) => [o, report.sessions.filter((s) => s.outcome === o).length] as const)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => `${n} ${o}`);
  return [
    `${dryRun ? 'Dry run (nothing written)' : 'Imported'}: programme ${report.programme}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    counts.length > 0 ? counts.join(', ') : 'no sessions',
  ].join('\n');
}

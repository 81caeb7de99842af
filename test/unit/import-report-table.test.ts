import { describe, expect, it } from 'vitest';
import { formatImportReport } from '../../infra/cli/report-table';

describe('the import report table', () => {
  it('lists each session with its outcome and counts them', () => {
    const text = formatImportReport(
      {
        programme: 'unchanged',
        sessions: [
          { id: '2027-03-03-reflectie', outcome: 'updated', notified: 12 },
          { id: 'kort', outcome: 'conflict', notified: 0, reason: 'capacity below confirmed registrations' },
          { id: 'oud', outcome: 'missing', notified: 0 },
        ],
      },
      true,
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('Dry run (nothing written): programme unchanged');
    expect(lines[2]).toBe('session               outcome   notified  reason');
    expect(lines[4]).toBe('2027-03-03-reflectie  updated   12');
    expect(lines[5]).toBe('kort                  conflict  0         capacity below confirmed registrations');
    expect(lines.at(-1)).toBe('1 updated, 1 missing, 1 conflict');
  });
});

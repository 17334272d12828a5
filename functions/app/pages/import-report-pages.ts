import { html, raw } from 'hono/html';
import type { ImportRowResult, ImportTotals } from '../../services/import-clients';
import { type Html, page } from './layout';

const MARK = '<!--mend-stream-->';

/** The import report page cut in two around its body, so the body can be streamed in between. */
export async function importPageFrame(): Promise<{ head: string; tail: string }> {
  const whole = String(await page('Import report', raw(MARK)));
  const at = whole.indexOf(MARK);
  return { head: whole.slice(0, at), tail: whole.slice(at + MARK.length) };
}

const OUTCOME: Record<ImportRowResult['outcome'], string> = {
  invited: 'Invited',
  'already-enrolled': 'Already in your practice (nothing sent)',
  rejected: 'Rejected',
};

export function importIntro(total: number): Html {
  return html`<p><a href="/practice">← All clients</a></p>
<h1>Import report</h1>
<p class="lede">Enrolling ${total} client${total === 1 ? '' : 's'}. Each new client gets an invitation naming you; uploading the same file again adds no one twice.</p>
`;
}

export function importProgress(done: number, total: number): Html {
  return html`<p class="meta progress-line" aria-live="polite">Processed ${done} of ${total}</p>
`;
}

export function importTable(totals: ImportTotals, rows: ImportRowResult[]): Html {
  return html`<h2>Done</h2>
<p class="notice" role="status">${totals.invited} invited · ${totals.alreadyEnrolled} already enrolled · ${totals.rejected} rejected, of ${totals.rows} rows.</p>
<table>
<thead><tr><th scope="col">Row</th><th scope="col">Email</th><th scope="col">Outcome</th><th scope="col">Reason</th></tr></thead>
<tbody>
${rows.map(
  (row) =>
    html`<tr class="outcome-${row.outcome}"><td>${row.row}</td><td>${row.email}</td><td>${OUTCOME[row.outcome]}</td><td>${Object.entries(
      row.errors ?? {},
    )
      .map(([field, reason]) => `${field}: ${reason}`)
      .join('; ')}</td></tr>`,
)}
</tbody></table>
<p><a href="/practice">Back to your clients</a></p>
`;
}

export function importFailed(done: number): Html {
  return html`<div class="errors" role="alert"><p><strong>The import stopped after ${done} rows because of a problem on our side.</strong> Upload the same file again: clients already enrolled are not added twice.</p></div>`;
}

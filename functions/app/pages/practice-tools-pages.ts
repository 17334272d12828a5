import { html, raw } from 'hono/html';
import type { ApiKeySummary } from '../../services/api-keys';
import type { ImportRowResult, ImportTotals } from '../../services/import-clients';
import { type Html, page } from './layout';

/** `/practice/keys`: create, list and revoke API keys; a new key is shown on this page once. */
export function apiKeysPage(
  keys: ApiKeySummary[],
  { created, notice }: { created?: { key: string }; notice?: string } = {},
): Html {
  return page(
    'API keys',
    html`<p><a href="/practice">← All clients</a></p>
<h1>API keys</h1>
<p class="lede">A key lets your own software enroll and follow clients over the JSON API (<a href="/api/openapi.json">OpenAPI description</a>). Send it as <code>Authorization: Bearer &lt;key&gt;</code>.</p>
${
  created
    ? html`<div class="notice" role="status"><p><strong>Your new key — copy it now.</strong> It is shown only this once; Mend keeps only a fingerprint of it.</p>
<p><label for="new-key">New API key</label><input type="text" id="new-key" readonly value="${created.key}"></p></div>`
    : ''
}
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<form method="post" action="/practice/keys"><button type="submit">Create a key</button></form>
<h2>Your keys</h2>
${
  keys.length === 0
    ? html`<p class="notice">No keys yet.</p>`
    : html`<table>
<thead><tr><th scope="col">Key</th><th scope="col">Created</th><th scope="col">Status</th><th scope="col"><span class="vh">Action</span></th></tr></thead>
<tbody>
${keys.map(
  (key) => html`<tr>
  <td><code>${key.prefix}…</code></td>
  <td>${key.createdAt.slice(0, 16).replace('T', ' ')} UTC</td>
  <td>${key.revokedAt ? `Revoked ${key.revokedAt.slice(0, 10)}` : 'Active'}</td>
  <td>${
    key.revokedAt
      ? ''
      : html`<form method="post" action="/practice/keys/${key.id}/revoke" class="inline"><button type="submit" class="quiet" aria-label="Revoke key ${key.prefix}">Revoke</button></form>`
  }</td>
</tr>`,
)}
</tbody></table>`
}`,
  );
}

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
  'declined-deleted': 'Deleted their data with Mend (nothing sent)',
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
<p class="notice" role="status">${totals.invited} invited · ${totals.alreadyEnrolled} already enrolled · ${totals.declinedDeleted} not sent (data deleted) · ${totals.rejected} rejected, of ${totals.rows} rows.</p>
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

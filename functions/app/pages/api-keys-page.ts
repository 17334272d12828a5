import { html } from 'hono/html';
import { API_KEY_NAME_MAX, type ApiKeySummary } from '../../services/api-keys';
import { errorSummary, type Html, page } from './layout';

const EXPIRIES = [
  ['', 'Never (until revoked)'],
  ['30', 'In 30 days'],
  ['90', 'In 90 days'],
  ['365', 'In a year'],
] as const;

const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function status(key: ApiKeySummary, now: Date): string {
  if (key.revokedAt) return `Revoked ${key.revokedAt.slice(0, 10)}`;
  if (key.expiresAt && Date.parse(key.expiresAt) <= now.getTime()) return 'Expired';
  return key.expiresAt ? `Active until ${minute(key.expiresAt)}` : 'Active';
}

export interface ApiKeysPageOptions {
  created?: { key: string };
  notice?: string;
  details?: Record<string, string>;
  values?: Record<string, string>;
}

/** `/practice/keys`: create, list and revoke API keys; a new key is shown on this page once. */
export function apiKeysPage(keys: ApiKeySummary[], now: Date, options: ApiKeysPageOptions = {}) {
  const { created, notice, details, values = {} } = options;
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
${errorSummary(details)}
<form method="post" action="/practice/keys" novalidate>
  <label for="name">Name <span class="hint">Optional: what the key is for, like “CRM sync”.</span></label>
  <input type="text" id="name" name="name" maxlength="${API_KEY_NAME_MAX}" value="${values.name ?? ''}">
  <label for="expiresInDays">Expires</label>
  <select id="expiresInDays" name="expiresInDays">${EXPIRIES.map(
    ([days, label]) =>
      html`<option value="${days}" ${days === (values.expiresInDays ?? '') ? 'selected' : ''}>${label}</option>`,
  )}</select>
  <button type="submit">Create a key</button>
</form>
<h2>Your keys</h2>
${keys.length === 0 ? html`<p class="notice">No keys yet.</p>` : keyTable(keys, now)}`,
  );
}

function keyTable(keys: ApiKeySummary[], now: Date): Html {
  return html`<table>
<thead><tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Status</th><th scope="col"><span class="vh">Action</span></th></tr></thead>
<tbody>
${keys.map(
  (key) => html`<tr>
  <td>${key.name ?? '—'}</td>
  <td><code>${key.prefix}…</code></td>
  <td>${minute(key.createdAt)}</td>
  <td>${key.lastUsedAt ? minute(key.lastUsedAt) : 'Never'}</td>
  <td>${status(key, now)}</td>
  <td>${
    key.revokedAt
      ? ''
      : html`<form method="post" action="/practice/keys/${key.id}/revoke" class="inline"><button type="submit" class="quiet" aria-label="Revoke key ${key.name ?? key.prefix}">Revoke</button></form>`
  }</td>
</tr>`,
)}
</tbody></table>`;
}

import { html } from 'hono/html';
import type { OutboxEmail } from '../../local/outbox';
import { type Html, page } from './layout';

/**
 * The local outbox as a page. Each email's HTML is shown in a sandboxed iframe without scripts,
 * so nothing in a message can act on this page.
 */
export function outboxPage(emails: OutboxEmail[], now: Date): Html {
  const newestFirst = [...emails].reverse();
  return page(
    'Local outbox',
    html`<h1>Local outbox</h1>
<p class="lede">Mail captured by the local SES server, newest first. Local clock: ${now.toISOString()}.</p>
<p class="meta">Move time on with <code>curl -X POST localhost:3000/_local/clock -H 'content-type: application/json' -d '{"advanceHours":72}'</code>.</p>
${newestFirst.length === 0 ? html`<p class="notice">No mail yet. Sign up on the home page.</p>` : ''}
${newestFirst.map(
  (email) => html`<section class="stage">
  <h2>${email.subject}</h2>
  <p class="meta">To ${email.to.join(', ')} · ${email.sentAt}${email.headers['List-Unsubscribe'] ? ' · List-Unsubscribe ✓' : ''}</p>
  <iframe title="${email.subject}" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" src="/_local/outbox/${email.id}" class="mail-frame"></iframe>
  <details><summary>Plain text</summary><pre class="answer">${email.text}</pre></details>
</section>`,
)}`,
  );
}

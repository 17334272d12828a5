import { html } from 'hono/html';
import type { Html } from './layout';

/**
 * "Stop sharing and unpair": one click, from every page a paired person reads. No question
 * first: someone who needs to leave a pair should not have to explain it, even to a form.
 */
export function unpairButton(partnerUrl: string | undefined): Html | string {
  if (!partnerUrl) return '';
  return html`<form method="post" action="${partnerUrl}/unpair" class="unpair"><button type="submit" class="quiet">Stop sharing and unpair</button></form>`;
}

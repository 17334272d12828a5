import { html } from 'hono/html';
import { perspectiveLabels, perspectives } from '../../domain/course';
import { DEFAULT_SEND_HOUR } from '../../domain/schedule';
import type { Html } from './layout';
import { hourOptions, timeZoneSelect } from './time-zone-select';

/**
 * What anyone accepting an invitation chooses for themselves, whoever invited them: where they
 * stand, the hour each stage arrives, and their time zone (detected by `/assets/timezone.js`).
 */
export function courseChoices(values: Record<string, string>, sendHour: number): Html {
  const hour = Number(values.sendHour ?? sendHour);
  return html`<fieldset id="perspective">
    <legend>Where are you in this?</legend>
    ${perspectives.map(
      (p) =>
        html`<label class="choice"><input type="radio" name="perspective" value="${p}" ${p === (values.perspective ?? 'mutual') ? 'checked' : ''}> ${perspectiveLabels[p]}</label>`,
    )}
  </fieldset>
  <label for="sendHour">What time should each stage arrive?</label>
  <select id="sendHour" name="sendHour">${hourOptions(Number.isInteger(hour) ? hour : DEFAULT_SEND_HOUR)}</select>
  <label for="timezone">Your time zone</label>
  ${timeZoneSelect(values.timezone ?? 'UTC', values.timezone === undefined)}`;
}

import { html } from 'hono/html';
import type { Html } from './layout';

let zones: string[] | undefined;

function allZones(): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  return zones;
}

export function hourOptions(selected: number): Html[] {
  return Array.from(
    { length: 24 },
    (_, hour) =>
      html`<option value="${hour}" ${hour === selected ? 'selected' : ''}>${String(hour).padStart(2, '0')}:00</option>`,
  );
}

/** A select of every IANA zone; `detect` lets the page's script pick the browser's zone. */
export function timeZoneSelect(selected: string, detect: boolean): Html {
  return html`<select id="timezone" name="timezone" data-detect="${detect ? 'true' : 'false'}" aria-describedby="timezone-detected">
${allZones().map((zone) => html`<option value="${zone}" ${zone === selected ? 'selected' : ''}>${zone.replaceAll('_', ' ')}</option>`)}
</select>
<span id="timezone-detected" class="hint"></span>`;
}

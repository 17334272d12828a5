import {
  checkedPhrase,
  emergencyPhrase,
  type HelpResources,
  resourcesOfKind,
  urgentKinds,
} from '../../functions/help/resources';
import { escapeHtml } from '../../functions/mail/fill-template';

/** A line of its own in a stage file, where the list of help goes. */
const MARKER = /^[ \t]*\[\[help-resources\]\][ \t]*$/gm;

/**
 * The help a reader may need at once (directories, abuse and behaviour lines, crisis lines), one
 * line each, with the date the entries were checked and a link to the full list. On one line, so
 * MJML's line numbers still point into the author's file.
 */
export function helpResourcesMjml(resources: HelpResources): string {
  const groups = urgentKinds.map((kind) => {
    const items = resourcesOfKind(resources, kind).map(
      (r) =>
        `<li>${escapeHtml(r.name)} (${escapeHtml(r.region)}): ${r.phone ? `${escapeHtml(r.phone)}, ` : ''}<a href="${escapeHtml(r.url)}">${escapeHtml(r.url)}</a></li>`,
    );
    return `<p><strong>${escapeHtml(resources.kinds[kind])}</strong></p><ul>${items.join('')}</ul>`;
  });
  return `<mj-text css-class="help"><p><strong>In danger now: call your local emergency number</strong> (${escapeHtml(emergencyPhrase(resources))}).</p>${groups.join('')}<p>All checked ${escapeHtml(checkedPhrase(resources))}; services change, so check before relying on one. The full list, with what each offers and where to find a therapist: <a href="{{helpUrl}}">{{helpUrl}}</a></p></mj-text>`;
}

/** Puts the list of help where a stage file has a `[[help-resources]]` line. */
export function expandHelpResources(source: string, resources: HelpResources): string {
  return source.replace(MARKER, () => helpResourcesMjml(resources));
}

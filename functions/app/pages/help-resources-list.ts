import { html } from 'hono/html';
import {
  type HelpResource,
  type HelpResources,
  type ResourceKind,
  resourcesOfKind,
} from '../../help/resources';
import type { Html } from './layout';

/** "findahelpline.com": a link's readable name. */
function hostOf(url: string): string {
  return new URL(url).host.replace(/^www\./, '');
}

function shortItem(resource: HelpResource): Html {
  return html`<li><a href="${resource.url}">${resource.name}</a> (${resource.region})${resource.phone ? html`: <span class="nowrap">${resource.phone}</span>` : ''}</li>`;
}

function fullItem(resource: HelpResource): Html {
  return html`<li class="resource">
  <p><strong>${resource.name}</strong> · ${resource.region}${resource.phone ? html` · <span class="nowrap">${resource.phone}</span>` : ''}</p>
  <p>${resource.what}</p>
  <p class="meta"><a href="${resource.url}">${hostOf(resource.url)}</a> · checked ${resource.checkedOn} against <a href="${resource.source}">its source</a></p>
</li>`;
}

/**
 * The resources of the given kinds, one heading each: in full (what each does, its link, when it
 * was checked) on the help page, or one line each where space is short.
 */
export function resourceSections(
  resources: HelpResources,
  kinds: readonly ResourceKind[],
  options: { full: boolean; headingLevel: 2 | 3 },
): Html[] {
  return kinds.map((kind) => {
    const items = resourcesOfKind(resources, kind);
    const heading =
      options.headingLevel === 2
        ? html`<h2 id="${kind}">${resources.kinds[kind]}</h2>`
        : html`<h3 id="${kind}">${resources.kinds[kind]}</h3>`;
    return html`${heading}
<ul${options.full ? html` class="resources"` : ''}>${items.map((item) => (options.full ? fullItem(item) : shortItem(item)))}</ul>`;
  });
}

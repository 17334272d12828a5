import { html } from 'hono/html';
import { type Html, page } from './layout';

/** A page that only says something: a confirmation, or what went wrong and what to do next. */
export function messagePage(title: string, paragraphs: string[], extra: Html | string = ''): Html {
  return page(
    title,
    html`<h1>${title}</h1>
${paragraphs.map((text) => html`<p>${text}</p>`)}
${extra}`,
  );
}

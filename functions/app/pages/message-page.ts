import { html } from 'hono/html';
import { type Html, type PageOptions, page } from './layout';

/** A page that only says something: a confirmation, or what went wrong and what to do next. */
export function messagePage(
  title: string,
  paragraphs: string[],
  options: PageOptions & { extra?: Html | string } = {},
): Html {
  const { extra = '', ...pageOptions } = options;
  return page(
    title,
    html`<h1>${title}</h1>
${paragraphs.map((text) => html`<p>${text}</p>`)}
${extra}`,
    pageOptions,
  );
}

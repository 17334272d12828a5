import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const SAFETY =
  'Mend is a self-help course, not therapy or crisis support. If you or someone else is in danger, call your local emergency number.';

/** The frame of every public page: one stylesheet, no inline script, readable on a phone. */
export function page(title: string, body: Html, options: { scripts?: string[] } = {}): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${title} · Mend</title>
<link rel="stylesheet" href="/assets/mend.css">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><a href="/">Mend</a></header>
<main id="main">
${body}
</main>
<footer class="site"><p class="safety">${SAFETY} <a href="/help">Where to find help</a>.</p></footer>
${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</body>
</html>`;
}

/** A list of what needs fixing, linked to the fields, above a form that failed validation. */
export function errorSummary(details: Record<string, string> | undefined): Html | string {
  const entries = Object.entries(details ?? {});
  if (entries.length === 0) return '';
  return html`<div class="errors" role="alert" tabindex="-1">
  <p><strong>Please check the form:</strong></p>
  <ul>${entries.map(([field, message]) => html`<li><a href="#${field}">${message}</a></li>`)}</ul>
</div>`;
}

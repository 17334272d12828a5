import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { QUICK_EXIT_SCRIPT, QUICK_EXIT_URL } from '../quick-exit';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageOptions {
  /** Same-origin scripts, loaded with `defer` in this order. */
  scripts?: string[];
  /**
   * A "Leave this page quickly" link to a neutral site, for pages a subscriber reads (their
   * journal, their answers, anything about their course) and pages about abuse. It adds its own
   * script, which makes the exit replace the history entry and listens for Escape twice.
   */
  quickExit?: boolean;
}

const SAFETY =
  'Mend is a self-help course, not therapy or crisis support. If you or someone else is in danger, call your local emergency number.';

/**
 * Right after the skip link: the skip link keeps its place as the first stop (what keyboard and
 * screen-reader users expect of it), this is the next one, and Escape twice needs no Tab at all.
 * Fixed in the top corner of a wide screen, a bar that stays at the top of a narrower one; in a
 * landmark of its own, like everything on the page. The Escape hint stays hidden until the
 * script, which makes it true, shows it.
 */
const quickExit = html`<nav class="quick-exit" aria-label="Quick exit">
<a id="quick-exit" href="${QUICK_EXIT_URL}" rel="noreferrer">Leave this page quickly</a>
<span id="quick-exit-hint" class="quick-exit-hint" hidden>Or press Esc twice</span>
</nav>`;

/** The frame of every public page: one stylesheet, no inline script, readable on a phone. */
export function page(title: string, body: Html, options: PageOptions = {}): Html {
  const scripts = [
    ...new Set([...(options.quickExit ? [QUICK_EXIT_SCRIPT] : []), ...(options.scripts ?? [])]),
  ];
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
${options.quickExit ? quickExit : ''}
<header class="site"><a href="/">Mend</a></header>
<main id="main">
${body}
</main>
<footer class="site"><p class="safety">${SAFETY} <a href="/help">Where to find help</a>.</p></footer>
${scripts.map((src) => html`<script src="${src}" defer></script>`)}
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

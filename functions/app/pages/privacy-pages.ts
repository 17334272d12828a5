import { html } from 'hono/html';
import { type Html, page } from './layout';
import { messagePage } from './message-page';

export function signedOutPage(): Html {
  return messagePage(
    'Signed out of all links',
    [
      'Every link in your earlier emails has stopped working, this page’s included.',
      'We have emailed you a fresh set of links; the course carries on as before.',
    ],
    { quickExit: true },
  );
}

/** Asks before deleting: the journal's own link stays one click away. */
export function deletePage(journalUrl: string): Html {
  return page(
    'Delete everything',
    html`<h1>Delete everything?</h1>
<p>This deletes your answers, your settings, the record of what was sent to you, and every link, at once and for good. No more emails will come, apart from one confirming the deletion.</p>
<p>If you want to keep your words, <a href="${journalUrl}/export">download them first</a>.</p>
<form method="post">
  <button type="submit">Yes, delete everything</button>
</form>
<p><a href="${journalUrl}">No, take me back to my journal</a></p>`,
    { quickExit: true },
  );
}

export function deletedPage(): Html {
  return messagePage(
    'Everything has been deleted',
    [
      'Your answers, settings and links are gone. A short email confirms it.',
      'Thank you for the time you gave to this.',
    ],
    { quickExit: true },
  );
}

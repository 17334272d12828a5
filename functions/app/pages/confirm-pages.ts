import { html } from 'hono/html';
import { type Html, page } from './layout';
import { messagePage } from './message-page';

/** `GET /confirm/:token` of a person's own sign-up: one button, because scanners prefetch links. */
export function confirmPage(courseTitle: string, sendHour: number, timeZone: string): Html {
  return page(
    'Confirm your place',
    html`<h1>One last step</h1>
<p>Press the button to confirm your address and begin <strong>${courseTitle}</strong>. Your welcome email arrives within a few minutes; after that, one stage every few days at ${String(sendHour).padStart(2, '0')}:00 (${timeZone}).</p>
<form method="post">
  <button type="submit">Confirm and begin</button>
</form>`,
    { quickExit: true },
  );
}

export function alreadyConfirmedPage(): Html {
  return messagePage(
    'You’re already in',
    [
      'This address is confirmed and the course is under way. Each email has links to your journal and to your settings.',
    ],
    { quickExit: true },
  );
}

export function confirmedPage(): Html {
  return messagePage(
    'You’re in',
    [
      'Thank you. Your welcome email is on its way and should arrive within a few minutes.',
      'Every email has a link to your private journal, to pause or change your pace, and to unsubscribe.',
    ],
    { quickExit: true },
  );
}

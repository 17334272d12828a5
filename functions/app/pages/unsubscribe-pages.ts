import { html } from 'hono/html';
import { type Html, page } from './layout';
import { messagePage } from './message-page';

export function unsubscribePage(): Html {
  return page(
    'Unsubscribe',
    html`<h1>Stop the course emails?</h1>
<p>Press the button and no more stages will be sent. Your journal stays yours: its link keeps working.</p>
<form method="post"><button type="submit">Unsubscribe</button></form>`,
    { quickExit: true },
  );
}

export function alreadyUnsubscribedPage(): Html {
  return messagePage('You’re unsubscribed', ['No more course emails will be sent.'], {
    quickExit: true,
  });
}

export function unsubscribedPage(): Html {
  return messagePage(
    'You’re unsubscribed',
    [
      'No more course emails will be sent. If this was a mistake, sign up again at any time and you will carry on where you left off.',
    ],
    { quickExit: true },
  );
}

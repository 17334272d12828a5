import { html } from 'hono/html';
import { displayName } from '../../domain/person-name';
import type { PendingSignup } from '../../domain/signup';
import { courseChoices } from './course-choices';
import { errorSummary, type Html, page } from './layout';

/** Someone was invited by their partner: they decide on their own, with their own settings. */
export function partnerInvitationPage(
  signup: PendingSignup,
  courseTitle: string,
  values: Record<string, string> = {},
  details?: Record<string, string>,
): Html {
  const inviter = displayName(signup.partner?.inviterName) ?? 'Someone';
  const note = signup.partner?.note;
  return page(
    'Your invitation',
    html`<h1>${inviter} invited you to take the course together</h1>
<p><strong>${courseTitle}</strong> is a short course by email for repairing a relationship after trust has broken. You would both receive each stage on the same day, each at the hour you choose here.</p>
${note ? html`<figure class="note"><blockquote>${note}</blockquote><figcaption>Their note</figcaption></figure>` : ''}
<p>Saying yes shares nothing by itself. Your journal is yours: an answer is shown to them only if you tick “share with my partner” beside it, and only once they have answered the same question and shared theirs too. Either of you can stop sharing and leave the pair at any time, with one click, and the other is told only that the pair has ended.</p>
<p class="notice">Nobody is owed a yes. If you feel pressured to take part, or afraid of how they would react to a no, this course is not the right tool: <a href="/help">here is where to find help</a>. Repair asks both people to lower their guard; where one frightens or controls the other, that openness can be used against the person with less.</p>
${errorSummary(details)}
<form method="post" novalidate>
  ${courseChoices(values, signup.sendHour)}
  <button type="submit">Accept and begin</button>
</form>
<p class="meta">Not for you? Simply ignore the invitation: nothing more will be sent, and they will only ever see that it was not accepted.</p>`,
    { scripts: ['/assets/timezone.js'], quickExit: true },
  );
}

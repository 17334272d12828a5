import { html } from 'hono/html';
import type { Invitation, PendingSignup } from '../../domain/signup';
import { courseChoices } from './course-choices';
import { errorSummary, type Html, page } from './layout';

/** An invited client decides: whether to take part, and whether answers are shared by default. */
export function consentPage(
  signup: PendingSignup,
  invitation: Invitation,
  courseTitle: string,
  values: Record<string, string> = {},
  details?: Record<string, string>,
): Html {
  const practitioner = invitation.practitionerName;
  return page(
    'Your invitation',
    html`<h1>An invitation from ${practitioner}</h1>
<p>${practitioner} has invited you to <strong>${courseTitle}</strong>: a short stage by email every ${invitation.cadenceDays} days, each ending with a few questions to answer in your private journal.</p>
${
  signup.pairId
    ? html`<p>${practitioner} would like you to take it as a pair, alongside your partner, who is invited too: once you have both accepted, you both receive each stage on the same day, each at your own hour. Each of you keeps a private journal; an answer is shown to your partner only if you tick “share with my partner” beside it, and only once they have answered the same question and shared theirs too. ${practitioner} never sees what you share with each other. You can stop sharing and leave the pair at any time, with one click.</p>
<p class="notice">Nobody is owed a yes. If you feel pressured to take part, or afraid of how your partner would react, tell ${practitioner} if that is safe, or <a href="/help">find help here</a>.</p>`
    : ''
}
${errorSummary(details)}
<form method="post" novalidate>
  <fieldset id="share">
    <legend>Should ${practitioner} see your answers?</legend>
    <span class="hint">This is only where each answer starts: you can change it for every single answer, any time.</span>
    <label class="choice"><input type="radio" name="share" value="yes" ${values.share === 'yes' ? 'checked' : ''}> Yes, share my answers unless I untick one</label>
    <label class="choice"><input type="radio" name="share" value="no" ${values.share === 'no' ? 'checked' : ''}> No, keep them private unless I tick one</label>
  </fieldset>
  ${courseChoices(values, signup.sendHour)}
  <button type="submit">Accept and begin</button>
</form>
<p class="meta">Not for you? Simply ignore the invitation: nothing more will be sent.</p>`,
    { scripts: ['/assets/timezone.js'], quickExit: true },
  );
}

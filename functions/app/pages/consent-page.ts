import { html } from 'hono/html';
import { perspectiveLabels, perspectives } from '../../domain/course';
import { DEFAULT_SEND_HOUR } from '../../domain/schedule';
import type { Invitation, PendingSignup } from '../../domain/signup';
import { errorSummary, type Html, page } from './layout';
import { hourOptions, timeZoneSelect } from './time-zone-select';

/** An invited client decides: whether to take part, and whether answers are shared by default. */
export function consentPage(
  signup: PendingSignup,
  invitation: Invitation,
  courseTitle: string,
  values: Record<string, string> = {},
  details?: Record<string, string>,
): Html {
  const practitioner = invitation.practitionerName;
  const hour = Number(values.sendHour ?? signup.sendHour);
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
  <fieldset id="perspective">
    <legend>Where are you in this?</legend>
    ${perspectives.map(
      (p) =>
        html`<label class="choice"><input type="radio" name="perspective" value="${p}" ${p === (values.perspective ?? 'mutual') ? 'checked' : ''}> ${perspectiveLabels[p]}</label>`,
    )}
  </fieldset>
  <label for="sendHour">What time should each stage arrive?</label>
  <select id="sendHour" name="sendHour">${hourOptions(Number.isInteger(hour) ? hour : DEFAULT_SEND_HOUR)}</select>
  <label for="timezone">Your time zone</label>
  ${timeZoneSelect(values.timezone ?? 'UTC', values.timezone === undefined)}
  <button type="submit">Accept and begin</button>
</form>
<p class="meta">Not for you? Simply ignore the invitation: nothing more will be sent.</p>`,
    { scripts: ['/assets/timezone.js'], quickExit: true },
  );
}

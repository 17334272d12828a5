import { html } from 'hono/html';
import { NAME_MAX } from '../../domain/person-name';
import { NOTE_MAX } from '../../services/partner-invite';
import type { PartnerView } from '../../services/partner-view';
import { errorSummary, type Html, page } from './layout';
import { unpairButton } from './unpair-button';

const NOBODY_IS_OWED = html`<p class="notice">Nobody is owed a shared answer. What you write is yours; sharing one is a gift you can take back at any time, and not sharing is never a failure. If you feel pressured to share, or afraid of how your partner would react if you didn’t, that matters more than this course: <a href="/help">here is where to find help</a>.</p>`;

function formatDate(date: Date | undefined): string {
  if (!date) return '';
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(date);
}

function inviteForm(
  partnerUrl: string,
  values: Record<string, string>,
  details?: Record<string, string>,
): Html {
  return html`<h2>Invite the other person</h2>
<p>They get one email saying who invited them and what the course is. If they say yes, they choose their own perspective, hour and time zone, and you both receive each stage on the same day, each at your own hour. Saying yes shares nothing by itself: every answer stays private unless whoever wrote it ticks “share with my partner”, and a shared answer is shown only once the other has answered the same question and shared theirs too.</p>
<p>If they don’t answer, or say no, nothing changes for you, and nothing tells you why. An invitation lapses after fourteen days.</p>
${errorSummary(details)}
<form method="post" action="${partnerUrl}/invite" novalidate>
  <label for="email">Their email address</label>
  <input id="email" name="email" type="email" autocomplete="off" required value="${values.email ?? ''}">
  <label for="name">Their first name <span class="hint">Optional; it greets them in the email.</span></label>
  <input id="name" name="name" autocomplete="off" maxlength="${NAME_MAX}" value="${values.name ?? ''}">
  <label for="note">A short note <span class="hint">Optional, up to ${NOTE_MAX} characters; shown on the invitation’s page, not in the email.</span></label>
  <textarea id="note" name="note" maxlength="${NOTE_MAX}" rows="3">${values.note ?? ''}</textarea>
  <button type="submit">Send the invitation</button>
</form>
<p class="meta">Please don’t invite someone you are afraid of, or someone who is afraid of you: this course is not the right tool then, and <a href="/help">these services</a> are.</p>`;
}

function standingText(view: PartnerView, partnerUrl: string): Html {
  const { standing } = view;
  switch (standing.kind) {
    case 'together':
      return html`<p>You are taking the course with your partner: you both receive each stage on the same day, every ${standing.cadenceDays === 1 ? 'day' : `${standing.cadenceDays} days`}, each at your own hour.</p>
${standing.pausedBy === 'partner' ? html`<p class="notice" role="status">Paused by your partner. Nothing is sent to either of you until they resume. You can unpair and go on alone at any time.</p>` : ''}
${standing.pausedBy === 'you' ? html`<p class="notice" role="status">You paused the course, for both of you. Resume it from <a href="${view.manageUrl}">your settings</a>.</p>` : ''}
<p><a href="${view.journalUrl}/together">Read the answers you have both shared</a></p>
${unpairButton(partnerUrl)}
<p class="meta">Unpairing takes effect at once: every answer you shared disappears from their side, theirs from yours, and you each go on alone at your own pace. They are told only that the pair has ended.</p>`;
    case 'waiting':
      return standing.byPractice
        ? html`<p>Your practitioner invited you to take the course as a pair. It begins together once you have both accepted; until then, you go on at your own pace.</p>
${unpairButton(partnerUrl)}`
        : html`<p>Your invitation has not been accepted yet.${standing.expiresAt ? ` It lapses on ${formatDate(standing.expiresAt)}.` : ''}</p>
<form method="post" action="${partnerUrl}/withdraw"><button type="submit" class="quiet">Withdraw the invitation</button></form>`;
    case 'ended':
      return html`<p class="notice" role="status">The pair has ended. You go on with the course on your own, at your own pace.</p>`;
    case 'lapsed':
      return html`<p class="notice" role="status">Your invitation was not accepted, and has lapsed. You go on with the course on your own, at your own pace.</p>`;
    default:
      return html`<p>You are taking the course on your own.</p>`;
  }
}

/** `/partner/:token`: invite the other person, see whether they accepted, unpair. */
export function partnerPage(
  view: PartnerView,
  partnerUrl: string,
  options: {
    values?: Record<string, string>;
    details?: Record<string, string>;
    notice?: string;
  } = {},
): Html {
  const { standing } = view;
  const showInvite =
    view.canInvite &&
    (standing.kind === 'none' || standing.kind === 'ended' || standing.kind === 'lapsed');
  return page(
    'Your partner',
    html`<h1>Taking the course together</h1>
${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
${standingText(view, partnerUrl)}
${showInvite ? inviteForm(partnerUrl, options.values ?? {}, options.details) : ''}
${!view.canInvite && standing.kind === 'none' ? html`<p>You can invite someone once your own course is under way.</p>` : ''}
${NOBODY_IS_OWED}
<p><a href="${view.journalUrl}">Open your journal</a> · <a href="${view.manageUrl}">Your settings</a></p>`,
    { quickExit: true },
  );
}

/** After unpairing: what happened, and nothing about the other person. */
export function unpairedPage(journalUrl: string): Html {
  return page(
    'Unpaired',
    html`<h1>You have left the pair</h1>
<p>Nothing you shared is visible to them any more, and nothing they shared is visible to you. You go on with the course on your own, at your own pace. They are told only that the pair has ended.</p>
<p><a href="${journalUrl}">Open your journal</a></p>`,
    { quickExit: true },
  );
}

import { html } from 'hono/html';
import type { ReflectionView } from '../../services/answers';
import { ANSWER_MAX } from '../../services/answers';
import { errorSummary, type Html, page } from './layout';
import { unpairButton } from './unpair-button';

export function reflectPage(
  view: ReflectionView,
  options: {
    journalUrl: string;
    /** The person's partner page, while they take the course with a partner. */
    partnerUrl?: string;
    saved?: boolean;
    draft?: string;
    details?: Record<string, string>;
  },
): Html {
  const value = options.draft ?? view.answer?.text ?? '';
  return page(
    view.question.text,
    html`<p class="meta">${view.courseTitle} · ${view.stage.title}</p>
${options.saved ? html`<p class="notice" role="status">Saved to your journal. You can come back and change it any time.</p>` : ''}
${errorSummary(options.details)}
<h1 class="question" id="question">${view.question.text}</h1>
<form method="post">
  <label for="answer">Your answer <span class="hint">${view.sharing || view.partnerSharing ? 'Private unless you tick a box below.' : 'Private: only you can read it, through your own links.'}</span></label>
  <textarea id="answer" name="answer" maxlength="${ANSWER_MAX}" aria-describedby="question" required>${value}</textarea>
  ${
    view.sharing
      ? html`<label class="choice"><input type="checkbox" name="share" ${view.sharing.checked ? 'checked' : ''}> Share this answer with my practitioner <span class="hint">Unticked, it stays yours alone.</span></label>`
      : ''
  }
  ${
    view.partnerSharing
      ? html`<label class="choice"><input type="checkbox" name="sharePartner" ${view.partnerSharing.checked ? 'checked' : ''}> Share this answer with my partner <span class="hint">They see it only once they have answered this question and shared theirs too. Untick it any time and it disappears from their side at once.</span></label>`
      : ''
  }
  <button type="submit">${view.answer ? 'Save changes' : 'Save to my journal'}</button>
</form>
${view.answer ? html`<p class="meta">First written ${view.answer.createdAt.slice(0, 10)}; last changed ${view.answer.updatedAt.slice(0, 10)}.</p>` : ''}
<p><a href="${options.journalUrl}">Open your journal</a></p>
${unpairButton(options.partnerUrl)}`,
    { quickExit: true },
  );
}

import { html } from 'hono/html';
import type { ReflectionView } from '../../services/answers';
import { ANSWER_MAX } from '../../services/answers';
import { errorSummary, type Html, page } from './layout';

export function reflectPage(
  view: ReflectionView,
  options: {
    journalUrl: string;
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
  <label for="answer">Your answer <span class="hint">${view.sharing ? 'Private unless you tick the box below.' : 'Private: only you can read it, through your own links.'}</span></label>
  <textarea id="answer" name="answer" maxlength="${ANSWER_MAX}" aria-describedby="question" required>${value}</textarea>
  ${
    view.sharing
      ? html`<label class="choice"><input type="checkbox" name="share" ${view.sharing.checked ? 'checked' : ''}> Share this answer with my practitioner <span class="hint">Unticked, it stays yours alone.</span></label>`
      : ''
  }
  <button type="submit">${view.answer ? 'Save changes' : 'Save to my journal'}</button>
</form>
${view.answer ? html`<p class="meta">First written ${view.answer.createdAt.slice(0, 10)}; last changed ${view.answer.updatedAt.slice(0, 10)}.</p>` : ''}
<p><a href="${options.journalUrl}">Open your journal</a></p>`,
    { quickExit: true },
  );
}

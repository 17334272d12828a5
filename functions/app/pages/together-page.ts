import { html } from 'hono/html';
import type { TogetherView } from '../../services/together';
import { type Html, page } from './layout';
import { unpairButton } from './unpair-button';

/** The pair's revealed answers, side by side by question, stage by stage. */
export function togetherPage(
  view: TogetherView,
  links: { journalUrl: string; partnerUrl: string },
): Html {
  return page(
    'Together',
    html`<h1>What you have both shared</h1>
${
  view.together
    ? html`<p class="lede">Only questions you both answered and both chose to share appear here. An answer you untick, or unpairing, removes it from both sides at once. Nobody is owed a shared answer.</p>
${view.stages.length === 0 ? html`<p class="notice">Nothing here yet. When you share an answer and your partner has answered the same question and shared theirs, you will both find them here.</p>` : ''}
${view.stages.map(
  (stage) => html`<section class="stage" aria-labelledby="together-${stage.stageIndex}">
  <h2 id="together-${stage.stageIndex}">${stage.title}</h2>
  ${stage.entries.map(
    (entry) => html`<p class="question">${entry.question.text}</p>
  <div class="side-by-side">
    <div><h3 class="meta">You wrote</h3><div class="answer">${entry.mine.text}</div></div>
    <div><h3 class="meta">Your partner wrote</h3><div class="answer">${entry.theirs.text}</div></div>
  </div>`,
  )}
</section>`,
)}
${unpairButton(links.partnerUrl)}`
    : html`<p class="notice">You are not taking the course with a partner right now, so there is nothing to show here.</p>`
}
<p><a href="${links.journalUrl}">Back to your journal</a></p>`,
    { quickExit: true },
  );
}

import { html } from 'hono/html';
import type { JournalCourse } from '../../services/journal';
import { type Html, page } from './layout';
import { unpairButton } from './unpair-button';

export function journalPage(
  courses: JournalCourse[],
  links: {
    manageUrl: string;
    exportUrl: string;
    deleteUrl: string;
    partnerUrl: string;
    /** Present while the person takes the course with a partner. */
    togetherUrl?: string;
  },
): Html {
  const { manageUrl, exportUrl, deleteUrl, partnerUrl, togetherUrl } = links;
  const empty = courses.every((course) => course.stages.length === 0);
  return page(
    'Your journal',
    html`<h1>Your journal</h1>
<p class="lede">Everything you have written, stage by stage. This page opens only from the links in your emails; an answer you chose to share with a practitioner or a partner is also shown to them, and nothing else is.</p>
${
  togetherUrl
    ? html`<p><a href="${togetherUrl}">Answers you and your partner have both shared</a></p>
${unpairButton(partnerUrl)}`
    : html`<p><a href="${partnerUrl}">Take the course with your partner</a></p>`
}
${empty ? html`<p class="notice">Nothing here yet. Your first stage arrives soon; its questions will appear here.</p>` : ''}
${courses.map(
  (course) => html`<h2>${course.courseTitle}</h2>
<p class="meta">${course.stages.length} of ${course.stageCount} stages received.</p>
${course.stages.map(
  (stage) => html`<section class="stage" aria-labelledby="stage-${stage.stageIndex}">
  <h3 id="stage-${stage.stageIndex}">${stage.title}</h3>
  ${stage.entries.map(
    (entry) => html`<p class="question">${entry.question.text}</p>
  ${
    entry.answer
      ? html`<div class="answer">${entry.answer.text}</div>
  <p class="meta">Written ${entry.answer.updatedAt.slice(0, 10)} · <a href="${entry.reflectUrl}">Edit<span class="vh"> your answer to: ${entry.question.text}</span></a></p>`
      : html`<p class="meta">Not answered yet · <a href="${entry.reflectUrl}">Write an answer<span class="vh"> to: ${entry.question.text}</span></a></p>`
  }`,
  )}
</section>`,
)}`,
)}
<h2>Your data</h2>
<p><a href="${exportUrl}" download>Download everything we hold about you</a> (JSON: your settings, your answers, and when each email was sent).</p>
<p><a href="${deleteUrl}">Delete everything</a>: your answers, settings and links, for good.</p>
<p><a href="${manageUrl}">Pause, change your pace or unsubscribe</a></p>`,
    { quickExit: true },
  );
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Perspective, perspectives, questionsFor } from '../../functions/domain/course';
import { helpResources } from '../../functions/help/resources';
import type { CompiledCourse, CompiledStage } from '../../functions/mail/compiled-templates';
import { escapeHtml } from '../../functions/mail/fill-template';
import { type CourseManifest, readManifest } from './course-manifest';
import { expandHelpResources } from './help-resources-mjml';
import { htmlToText } from './html-to-text';
import { selectPerspective } from './perspective-blocks';
import { HELP_LINE, renderLayout, SAFETY_NOTE, validateFragment } from './render-layout';

type StageManifest = CourseManifest['stages'][number];

const COURSE_FOOTER_HTML = `<p><a href="{{journalUrl}}">Your journal</a> &nbsp;·&nbsp; <a href="{{manageUrl}}">Pause or change pace</a> &nbsp;·&nbsp; <a href="{{unsubscribeUrl}}">Unsubscribe</a></p>`;

const COURSE_FOOTER_TEXT = [
  'Your journal: {{journalUrl}}',
  'Pause or change pace: {{manageUrl}}',
  'Unsubscribe: {{unsubscribeUrl}}',
].join('\n');

/** Under the questions of every stage: who reads the answers, and when an answer is waited for. */
const QUESTIONS_NOTE =
  'A line is enough, and nobody else reads it unless you share it. If your course is paced by your answers, the next stage waits for one.';

function questionsMjml(stage: StageManifest, perspective: Perspective): string {
  const blocks = questionsFor(stage, perspective).map(
    (question, n) => `
        <mj-text css-class="question-text" padding="8px 8px 0"><p>${n + 1}. ${escapeHtml(question.text)}</p></mj-text>
        <mj-button href="{{reflectUrl:${question.id}}}" title="Write your answer to question ${n + 1}">Write your answer</mj-button>`,
  );
  return `
        <mj-divider border-width="1px" border-color="#e2dbcf" padding="16px 8px" />
        <mj-text><h2>Questions to sit with</h2><p>${escapeHtml(QUESTIONS_NOTE)}</p></mj-text>
        ${blocks.join('')}`;
}

function questionsText(stage: StageManifest, perspective: Perspective): string {
  const lines = questionsFor(stage, perspective).map(
    (question, n) =>
      `${n + 1}. ${question.text}\n   Write your answer: {{reflectUrl:${question.id}}}`,
  );
  return `Questions to sit with\n---------------------\n\n${QUESTIONS_NOTE}\n\n${lines.join('\n\n')}`;
}

/** The plain-text part: the same words and the same links as the HTML part. */
export function composeText(parts: {
  eyebrow: string;
  title: string;
  body: string;
  questions?: string;
  footerLinks: string;
}): string {
  return [
    parts.eyebrow,
    '',
    parts.title,
    '='.repeat(Math.min(parts.title.length, 72)),
    '',
    'Hi {{greetingName}},',
    '',
    parts.body,
    ...(parts.questions ? ['', parts.questions] : []),
    '',
    '-- ',
    SAFETY_NOTE,
    `${HELP_LINE} {{helpUrl}}`,
    '',
    ...(parts.footerLinks ? [parts.footerLinks, ''] : []),
    '{{postalAddress}}',
    '',
  ].join('\n');
}

async function compileStage(
  layout: string,
  course: CourseManifest,
  courseDir: string,
  stage: StageManifest,
  index: number,
): Promise<CompiledStage> {
  const file = path.join(courseDir, stage.file);
  const source = expandHelpResources(await readFile(file, 'utf8'), helpResources);
  const eyebrow = `${course.title} · ${index === 0 ? 'Welcome' : `Stage ${index + 1} of ${course.stages.length}`}`;
  const variants = {} as CompiledStage['variants'];
  let validated = false;
  for (const perspective of perspectives) {
    const body = selectPerspective(source, perspective, file);
    if (!validated) {
      // Every block at once, so an error in any perspective's passage is caught with its line.
      await validateFragment(source.replace(/^\s*\[\[(if [a-z ]+|end)\]\]\s*$/gm, ''), file);
      validated = true;
    }
    variants[perspective as Perspective] = {
      html: await renderLayout(layout, {
        language: course.language,
        title: stage.title,
        preheader: stage.preheader,
        eyebrow,
        bodyMjml: body,
        questionsMjml: questionsMjml(stage, perspective),
        footerLinksHtml: COURSE_FOOTER_HTML,
      }),
      text: composeText({
        eyebrow,
        title: stage.title,
        body: htmlToText(body),
        questions: questionsText(stage, perspective),
        footerLinks: COURSE_FOOTER_TEXT,
      }),
    };
  }
  return {
    id: stage.id,
    title: stage.title,
    subject: `${stage.title} · ${course.title}`,
    questions: stage.questions,
    variants,
  };
}

/** Compiles one course folder: every stage for every perspective, HTML and text. */
export async function compileCourse(courseDir: string, layout: string): Promise<CompiledCourse> {
  const manifest = await readManifest(courseDir);
  const stages: CompiledStage[] = [];
  for (const [index, stage] of manifest.stages.entries()) {
    stages.push(await compileStage(layout, manifest, courseDir, stage, index));
  }
  return {
    id: manifest.id,
    title: manifest.title,
    language: manifest.language,
    defaultCadenceDays: manifest.defaultCadenceDays,
    stages,
  };
}

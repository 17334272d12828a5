import { describe, expect, it } from 'vitest';
import { perspectives, questionsFor } from '../../functions/domain/course';
import { fillTemplate } from '../../functions/mail/fill-template';
import { buildTemplates } from '../../scripts/templates/build-all';
import { readingWords } from '../../scripts/templates/reading-words';
import { SAMPLE_BASE_URL, sampleValues } from '../../scripts/templates/sample-values';
import published from './published-question-ids.json' with { type: 'json' };
import publishedStages from './published-stage-order.json' with { type: 'json' };

/** Gmail clips a message whose HTML is over 102 KB. */
const GMAIL_CLIP_BYTES = 102 * 1000;

const templates = await buildTemplates();
const course = templates.courses.find((c) => c.id === 'repair-reconnect');
if (!course) throw new Error('repair-reconnect is missing');

const linksIn = (content: string) =>
  [...content.matchAll(new RegExp(`${SAMPLE_BASE_URL}/[\\w/.-]+`, 'g'))].map((m) => m[0]);

describe('every stage of Repair & Reconnect, for every perspective', () => {
  const cases = course.stages.flatMap((stage, index) =>
    perspectives.map((perspective) => ({ stage, index, perspective })),
  );

  it('has a welcome, the eight steps, and a closing: 10 to 12 stages, each asking every reader 2 to 4 questions', () => {
    expect(course.stages.length).toBeGreaterThanOrEqual(10);
    expect(course.stages.length).toBeLessThanOrEqual(12);
    expect(course.stages[0]?.id).toBe('welcome');
    expect(course.stages.at(-1)?.id).toBe('closing');
    for (const stage of course.stages) {
      for (const perspective of perspectives) {
        const asked = questionsFor(stage, perspective).length;
        expect(asked, `${stage.id} (${perspective})`).toBeGreaterThanOrEqual(2);
        expect(asked, `${stage.id} (${perspective})`).toBeLessThanOrEqual(4);
      }
    }
  });

  it.each(cases)(
    '$index $stage.id ($perspective): has one practice for the days ahead',
    ({ stage, perspective }) => {
      const { html, text } = stage.variants[perspective];
      expect(html.match(/class="practice"/g)).toHaveLength(1);
      expect(text.match(/^A practice for the days ahead$/gm)).toHaveLength(1);
      const practice = text.slice(text.indexOf('A practice for the days ahead'));
      expect(
        practice.slice(0, practice.indexOf('Questions to sit with')).split(/\s+/).length,
      ).toBeGreaterThan(30);
    },
  );

  it.each(cases)(
    '$index $stage.id ($perspective): fills completely, links match, under the clip size',
    ({ stage, perspective }) => {
      const values = sampleValues(stage);
      const html = fillTemplate(stage.variants[perspective].html, values, 'html');
      const text = fillTemplate(stage.variants[perspective].text, values, 'text');
      expect(html).not.toMatch(/\{\{|\}\}|\[\[/);
      expect(text).not.toMatch(/\{\{|\}\}|\[\[/);
      expect(Buffer.byteLength(html)).toBeLessThan(GMAIL_CLIP_BYTES);
      expect(new Set(linksIn(html))).toEqual(new Set(linksIn(text)));
      expect(html).toContain('<html lang="en"');
      expect(html).toContain('not therapy or crisis support');
      expect(text).toContain('not therapy or crisis support');
      for (const link of ['journalUrl', 'manageUrl', 'unsubscribeUrl', 'postalAddress']) {
        expect(html).toContain(values[link]?.replaceAll('&', '&amp;'));
      }
      const asked = questionsFor(stage, perspective);
      for (const question of stage.questions.filter((q) => !asked.includes(q))) {
        expect(text, `${question.id} is not for ${perspective}`).not.toContain(question.text);
        expect(linksIn(text)).not.toContain(`${SAMPLE_BASE_URL}/reflect/sample-${question.id}`);
      }
      for (const question of asked) {
        const own = `${SAMPLE_BASE_URL}/reflect/sample-${question.id}`;
        // The button right after the question's text is the link to that very question.
        const questionsStart = html.indexOf('Questions to sit with');
        const after = html.slice(html.indexOf(question.text, questionsStart));
        expect(linksIn(after)[0], question.id).toBe(own);
        expect(text).toMatch(
          new RegExp(
            `${question.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+Write your answer: ${own}`,
          ),
        );
      }
    },
  );

  it('gives readers of different perspectives different words where the course speaks to each side', () => {
    const differing = course.stages.filter(
      (stage) => stage.variants.caused.text !== stage.variants.hurt.text,
    );
    expect(differing.length).toBeGreaterThanOrEqual(6);
  });

  it('says in the welcome that it is not therapy, and the support stage names kinds of help', () => {
    const welcome = course.stages[0]?.variants.mutual.text ?? '';
    expect(welcome.toLowerCase()).toMatch(/not (therapy|a substitute for therapy)/);
    const support = course.stages.find((stage) => stage.id === 'get-support')?.variants.mutual.text;
    for (const kind of ['couples', 'counsellor', 'doctor', 'crisis']) {
      expect(support?.toLowerCase()).toContain(kind);
    }
  });

  it('names each of the five supports somewhere in the course', () => {
    const all = course.stages
      .map((stage) => stage.variants.mutual.text)
      .join('\n')
      .toLowerCase();
    for (const support of [
      'accountability',
      'transparency',
      'boundaries',
      'repair attempt',
      'patience',
    ]) {
      expect(all).toContain(support);
    }
    expect(all).toContain('gottman');
  });
});

describe('question ids', () => {
  it('are unique across the course', () => {
    const ids = course.stages.flatMap((stage) => stage.questions.map((q) => q.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never disappear once published: stored answers are keyed by them', () => {
    const ids = new Set(course.stages.flatMap((stage) => stage.questions.map((q) => q.id)));
    for (const id of published['repair-reconnect']) expect(ids, id).toContain(id);
  });

  it('are all in the published list, so a new one is added there and then kept for good', () => {
    const ids = course.stages.flatMap((stage) => stage.questions.map((q) => q.id));
    expect(ids.filter((id) => !published['repair-reconnect'].includes(id))).toEqual([]);
  });
});

describe('the order of stages', () => {
  it('keeps every published stage at its place: an enrollment stores the index of its next stage', () => {
    // A stage inserted or moved before a reader's place would send them the stage they last
    // had a second time and never the new one, and would shift their journal by one stage.
    // New stages go after the published ones (see README, "Writing a course").
    const ids = course.stages.map((stage) => stage.id);
    expect(ids.slice(0, publishedStages['repair-reconnect'].length)).toEqual(
      publishedStages['repair-reconnect'],
    );
  });
});

/** About 4 to 6 minutes on a phone; more depth means another stage, not a longer one. */
const MAX_WORDS = 900;

describe('the length of each stage', () => {
  it.each(
    course.stages.flatMap((stage) => perspectives.map((perspective) => ({ stage, perspective }))),
  )(`$stage.id ($perspective) reads in 300 to ${MAX_WORDS} words`, ({ stage, perspective }) => {
    const words = readingWords(stage.variants[perspective].text);
    expect(words).toBeGreaterThanOrEqual(300);
    expect(words).toBeLessThanOrEqual(MAX_WORDS);
  });
});

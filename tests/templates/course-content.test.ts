import { describe, expect, it } from 'vitest';
import { perspectives } from '../../functions/domain/course';
import { fillTemplate } from '../../functions/mail/fill-template';
import { buildTemplates } from '../../scripts/templates/build-all';
import { readingWords } from '../../scripts/templates/reading-words';
import { SAMPLE_BASE_URL, sampleValues } from '../../scripts/templates/sample-values';
import published from './published-question-ids.json' with { type: 'json' };

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

  it('has a welcome, the eight steps, and a closing: 10 to 12 stages of 2 to 4 questions', () => {
    expect(course.stages.length).toBeGreaterThanOrEqual(10);
    expect(course.stages.length).toBeLessThanOrEqual(12);
    expect(course.stages[0]?.id).toBe('welcome');
    expect(course.stages.at(-1)?.id).toBe('closing');
    for (const stage of course.stages) {
      expect(stage.questions.length).toBeGreaterThanOrEqual(2);
      expect(stage.questions.length).toBeLessThanOrEqual(4);
    }
  });

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
      for (const question of stage.questions) {
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

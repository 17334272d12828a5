import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { perspectives } from '../../functions/domain/course';
import { fillTemplate, placeholdersIn } from '../../functions/mail/fill-template';
import { compileCourse } from '../../scripts/templates/compile-course';
import { compileSystemEmails } from '../../scripts/templates/compile-system';
import { selectPerspective } from '../../scripts/templates/perspective-blocks';
import { readLayout } from '../../scripts/templates/render-layout';
import { sampleValues } from '../../scripts/templates/sample-values';
import { TemplateError } from '../../scripts/templates/template-error';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/courses/tiny-course');
const scratch = await mkdtemp(path.join(tmpdir(), 'mend-templates-'));
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('the template build', () => {
  it('compiles a course folder into HTML and text for every stage and perspective', async () => {
    const course = await compileCourse(FIXTURE, await readLayout());
    expect(course.stages.map((stage) => stage.id)).toEqual(['tiny-start', 'tiny-end']);
    for (const stage of course.stages) {
      for (const perspective of perspectives) {
        const { html, text } = stage.variants[perspective];
        expect(html).toContain('<html');
        expect(html).not.toMatch(/<\/?mj-/);
        expect(html).not.toContain('[[');
        expect(text).not.toContain('<');
        for (const question of stage.questions) {
          expect(placeholdersIn(html)).toContain(`reflectUrl:${question.id}`);
          expect(placeholdersIn(text)).toContain(`reflectUrl:${question.id}`);
        }
        expect(new Set(placeholdersIn(html))).toEqual(new Set(placeholdersIn(text)));
      }
    }
  });

  it('gives each perspective its own passages', async () => {
    const [start] = (await compileCourse(FIXTURE, await readLayout())).stages;
    expect(start?.variants.caused.text).toContain('Only for the person who caused the hurt.');
    expect(start?.variants.caused.text).not.toContain('For the person who was hurt');
    expect(start?.variants.hurt.text).toContain('For the person who was hurt');
    expect(start?.variants.hurt.text).not.toContain('Only for the person who caused');
    expect(start?.variants.mutual.text).toContain('For the person who was hurt');
  });

  it('fails with the file and line of an MJML error', async () => {
    const dir = path.join(scratch, 'broken-course');
    await rm(dir, { recursive: true, force: true });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(dir, 'stages'), { recursive: true });
    await writeFile(
      path.join(dir, 'course.json'),
      JSON.stringify({
        id: 'broken-course',
        title: 'Broken',
        defaultCadenceDays: 3,
        stages: [
          {
            id: 'only',
            file: 'stages/00-only.mjml',
            title: 'Only',
            preheader: 'Only',
            questions: [
              { id: 'only-a', text: 'A?' },
              { id: 'only-b', text: 'B?' },
            ],
          },
        ],
      }),
    );
    await writeFile(
      path.join(dir, 'stages/00-only.mjml'),
      '<mj-text>\n  <p>fine</p>\n</mj-text>\n<mj-bogus>oops</mj-bogus>\n',
    );
    const error = await compileCourse(dir, await readLayout()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).message).toMatch(/00-only\.mjml:4: .*mj-bogus/);
  });

  it('asks a question only of the perspectives it names, and each reader 2 to 4', async () => {
    const dir = path.join(scratch, 'split-course');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(dir, 'stages'), { recursive: true });
    const manifest = (questions: unknown[]) =>
      JSON.stringify({
        id: 'split-course',
        title: 'Split',
        defaultCadenceDays: 3,
        stages: [
          { id: 'only', file: 'stages/00-only.mjml', title: 'Only', preheader: 'Only', questions },
        ],
      });
    await writeFile(
      path.join(dir, 'stages/00-only.mjml'),
      '<mj-text>\n  <p>fine</p>\n</mj-text>\n',
    );
    await writeFile(
      path.join(dir, 'course.json'),
      manifest([
        { id: 'split-all', text: 'Everyone?' },
        { id: 'split-caused', text: 'Your part?', perspectives: ['caused', 'mutual'] },
        { id: 'split-hurt', text: 'What you need?', perspectives: ['hurt'] },
      ]),
    );
    const [stage] = (await compileCourse(dir, await readLayout())).stages;
    const asked = (perspective: 'caused' | 'hurt' | 'mutual') =>
      placeholdersIn(stage?.variants[perspective].text ?? '').filter((p) =>
        p.startsWith('reflect'),
      );
    expect(asked('caused')).toEqual(['reflectUrl:split-all', 'reflectUrl:split-caused']);
    expect(asked('mutual')).toEqual(['reflectUrl:split-all', 'reflectUrl:split-caused']);
    expect(asked('hurt')).toEqual(['reflectUrl:split-all', 'reflectUrl:split-hurt']);
    expect(stage?.variants.hurt.html).not.toContain('Your part?');

    await writeFile(
      path.join(dir, 'course.json'),
      manifest([
        { id: 'split-all', text: 'Everyone?' },
        { id: 'split-caused', text: 'Your part?', perspectives: ['caused'] },
      ]),
    );
    const error = await compileCourse(dir, await readLayout()).catch((e: unknown) => e);
    expect((error as TemplateError).message).toMatch(
      /asks the "hurt" reader 1 questions; ask 2 to 4/,
    );
  });

  it('refuses unknown perspectives and unclosed blocks, naming the line', () => {
    expect(() => selectPerspective('a\n[[if villain]]\nb\n[[end]]', 'hurt', 'f.mjml')).toThrow(
      /f\.mjml:2: Unknown perspective "villain"/,
    );
    expect(() => selectPerspective('[[if hurt]]\nb', 'hurt', 'f.mjml')).toThrow(/f\.mjml:1:/);
  });
});

describe('filling a template', () => {
  it('escapes values for HTML and strips line breaks from text', () => {
    const values = { greetingName: '<b>Sam</b>\r\nBcc: x@example.com' };
    expect(fillTemplate('Hi {{greetingName}}', values, 'html')).toBe(
      'Hi &lt;b&gt;Sam&lt;/b&gt; Bcc: x@example.com',
    );
    expect(fillTemplate('Hi {{greetingName}}', values, 'text')).toBe(
      'Hi <b>Sam</b> Bcc: x@example.com',
    );
  });

  it('refuses to send an email with a placeholder left unfilled', () => {
    expect(() =>
      fillTemplate('Hi {{greetingName}} {{manageUrl}}', { greetingName: 'S' }, 'html'),
    ).toThrow(/manageUrl/);
  });
});

describe('the preview', () => {
  it('has a sample value for every placeholder of every system email', async () => {
    const system = await compileSystemEmails(await readLayout());
    for (const [id, email] of Object.entries(system)) {
      expect(() => fillTemplate(email.html, sampleValues(), 'html'), id).not.toThrow();
      expect(() => fillTemplate(email.text, sampleValues(), 'text'), id).not.toThrow();
    }
  });
});

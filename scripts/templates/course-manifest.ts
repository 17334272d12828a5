import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { MAX_CADENCE_DAYS, MIN_CADENCE_DAYS } from '../../functions/domain/schedule';
import { TemplateError } from './template-error';

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case');

export const manifestSchema = z
  .object({
    id,
    title: z.string().min(1).max(80),
    language: z.string().min(2).max(12).default('en'),
    defaultCadenceDays: z.number().int().min(MIN_CADENCE_DAYS).max(MAX_CADENCE_DAYS),
    stages: z
      .array(
        z.object({
          id,
          file: z.string().regex(/^[\w/.-]+\.mjml$/),
          title: z.string().min(1).max(80),
          preheader: z.string().min(1).max(140),
          questions: z
            .array(z.object({ id, text: z.string().min(1).max(400) }))
            .min(2)
            .max(4),
        }),
      )
      .min(1),
  })
  .superRefine((course, ctx) => {
    const stageIds = new Set<string>();
    const questionIds = new Set<string>();
    for (const stage of course.stages) {
      if (stageIds.has(stage.id)) ctx.addIssue(`duplicate stage id "${stage.id}"`);
      stageIds.add(stage.id);
      for (const question of stage.questions) {
        if (questionIds.has(question.id)) ctx.addIssue(`duplicate question id "${question.id}"`);
        questionIds.add(question.id);
      }
    }
  });

export type CourseManifest = z.infer<typeof manifestSchema>;
export const MANIFEST_FILE = 'course.json';

export async function readManifest(courseDir: string): Promise<CourseManifest> {
  const file = path.join(courseDir, MANIFEST_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new TemplateError(file, undefined, `cannot read the manifest: ${String(error)}`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new TemplateError(file, undefined, z.prettifyError(parsed.error));
  }
  if (parsed.data.id !== path.basename(courseDir)) {
    throw new TemplateError(file, undefined, `id "${parsed.data.id}" must match its folder name`);
  }
  return parsed.data;
}

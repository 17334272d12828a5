import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { perspectives, questionsFor } from '../../functions/domain/course';
import { MAX_CADENCE_DAYS, MIN_CADENCE_DAYS } from '../../functions/domain/schedule';
import { TemplateError } from './template-error';

/** Each reader is asked 2 to 4 questions a stage; with questions for one perspective, more exist. */
const MIN_QUESTIONS = 2;
const MAX_QUESTIONS = 4;
const MAX_QUESTIONS_PER_STAGE = 3 * MAX_QUESTIONS;

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
            .array(
              z.object({
                id,
                text: z.string().min(1).max(400),
                perspectives: z.array(z.enum(perspectives)).min(1).optional(),
              }),
            )
            .min(2)
            .max(MAX_QUESTIONS_PER_STAGE),
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
      for (const perspective of perspectives) {
        const asked = questionsFor(stage, perspective).length;
        if (asked < MIN_QUESTIONS || asked > MAX_QUESTIONS) {
          ctx.addIssue(
            `stage "${stage.id}" asks the "${perspective}" reader ${asked} questions; ask ${MIN_QUESTIONS} to ${MAX_QUESTIONS}`,
          );
        }
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

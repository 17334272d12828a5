import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { CompiledCourse, CompiledTemplates } from '../../functions/mail/compiled-templates';
import { compileCourse } from './compile-course';
import { compileSystemEmails } from './compile-system';
import { readLayout, TEMPLATES_DIR } from './render-layout';

export const COURSES_DIR = path.join(TEMPLATES_DIR, 'courses');

/** Compiles every course folder under `coursesDir`, in name order. */
export async function compileCourses(
  coursesDir: string,
  layout: string,
): Promise<CompiledCourse[]> {
  const entries = await readdir(coursesDir, { withFileTypes: true });
  const dirs = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const courses: CompiledCourse[] = [];
  for (const dir of dirs) courses.push(await compileCourse(path.join(coursesDir, dir), layout));
  return courses;
}

export async function buildTemplates(
  coursesDirs: string[] = [COURSES_DIR],
): Promise<CompiledTemplates> {
  const layout = await readLayout();
  const courses: CompiledCourse[] = [];
  for (const dir of coursesDirs) courses.push(...(await compileCourses(dir, layout)));
  return { courses, system: await compileSystemEmails(layout) };
}

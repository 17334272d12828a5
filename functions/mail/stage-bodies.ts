import { type Perspective, perspectives } from '../domain/course';
import type { CompiledBody, CompiledTemplates } from './compiled-templates';

/**
 * The same templates with every stage email's body replaced by `body`: the api function sends
 * system emails only (stage emails are the dispatcher's), so its bundle carries only the courses'
 * outline (titles, subjects, questions) and the system emails.
 */
export function withoutStageBodies<B>(
  templates: CompiledTemplates<B>,
  body: B,
): CompiledTemplates<B> {
  const variants = Object.fromEntries(perspectives.map((p) => [p, body])) as Record<Perspective, B>;
  return {
    ...templates,
    courses: templates.courses.map((course) => ({
      ...course,
      stages: course.stages.map((stage) => ({ ...stage, variants })),
    })),
  };
}

const notBundled = (): never => {
  throw new Error('Stage emails are not bundled into the api function: the dispatcher sends them.');
};

/** Stands in for a stage body the api function does not carry; reading it is a bug, and says so. */
export const STAGE_BODY_NOT_BUNDLED: CompiledBody = {
  get html() {
    return notBundled();
  },
  get text() {
    return notBundled();
  },
};

import type { Perspective } from '../domain/course';
import { type CompiledEmail, type CompiledTemplates, systemEmailIds } from './compiled-templates';

/** The same courses and system emails, with every body (HTML and text) replaced by `convert(body)`. */
export function mapBodies<From, To extends object>(
  templates: CompiledTemplates<From>,
  convert: (body: From) => To,
): CompiledTemplates<To> {
  const system = {} as CompiledTemplates<To>['system'];
  for (const id of systemEmailIds) {
    const email: CompiledEmail<From> = templates.system[id];
    // Assigned, not spread: a spread would read a lazy body's parts and build them right away.
    system[id] = Object.assign(convert(email), { subject: email.subject });
  }
  return {
    courses: templates.courses.map((course) => ({
      ...course,
      stages: course.stages.map((stage) => ({
        ...stage,
        variants: Object.fromEntries(
          Object.entries<From>(stage.variants).map(([perspective, body]) => [
            perspective,
            convert(body),
          ]),
        ) as Record<Perspective, To>,
      })),
    })),
    system,
  };
}

import type { Course } from '../domain/course';
import type {
  CompiledCourse,
  CompiledEmail,
  CompiledTemplates,
  SystemEmailId,
} from '../mail/compiled-templates';

export class UnknownCourseError extends Error {
  override name = 'UnknownCourseError';
}

/** The courses and system emails this deployment can send, as compiled at build time. */
export class CourseCatalog {
  private readonly courses: Map<string, CompiledCourse>;

  constructor(private readonly templates: CompiledTemplates) {
    this.courses = new Map(templates.courses.map((course) => [course.id, course]));
  }

  has(courseId: string): boolean {
    return this.courses.has(courseId);
  }

  ids(): string[] {
    return [...this.courses.keys()];
  }

  compiled(courseId: string): CompiledCourse {
    const course = this.courses.get(courseId);
    if (!course) throw new UnknownCourseError(`No course "${courseId}" in this build.`);
    return course;
  }

  /** The course as the domain sees it: stages and questions, without markup. */
  course(courseId: string): Course {
    const { id, title, defaultCadenceDays, stages } = this.compiled(courseId);
    return {
      id,
      title,
      defaultCadenceDays,
      stages: stages.map((stage) => ({
        id: stage.id,
        title: stage.title,
        questions: stage.questions,
      })),
    };
  }

  system(id: SystemEmailId): CompiledEmail {
    return this.templates.system[id];
  }
}

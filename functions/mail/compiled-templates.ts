import type { Perspective, Question } from '../domain/course';

/**
 * What `npm run build:templates` produces: MJML compiled to HTML and plain text, with
 * `{{placeholders}}` left for each recipient's values. Lambda bundles carry this, never MJML.
 */
export interface CompiledBody {
  html: string;
  text: string;
}

export interface CompiledStage {
  id: string;
  title: string;
  subject: string;
  questions: Question[];
  variants: Record<Perspective, CompiledBody>;
}

export interface CompiledCourse {
  id: string;
  title: string;
  language: string;
  defaultCadenceDays: number;
  stages: CompiledStage[];
}

export interface CompiledEmail extends CompiledBody {
  subject: string;
}

export const systemEmailIds = [
  'confirm',
  'already-subscribed',
  'new-links',
  'data-deleted',
  'login',
  'invitation',
  'enrollment-ended',
  'reminder',
] as const;
export type SystemEmailId = (typeof systemEmailIds)[number];

export interface CompiledTemplates {
  courses: CompiledCourse[];
  system: Record<SystemEmailId, CompiledEmail>;
}

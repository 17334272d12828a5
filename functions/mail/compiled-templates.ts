import type { Perspective, Question } from '../domain/course';

/**
 * What `npm run build:templates` produces: MJML compiled to HTML and plain text, with
 * `{{placeholders}}` left for each recipient's values. Lambda bundles carry this, never MJML.
 */
export interface CompiledBody {
  html: string;
  text: string;
}

/**
 * The shapes below take the body type as a parameter so the packed form that is bundled
 * (packed-templates.ts) is the same structure with only the bodies stored differently.
 */
export interface CompiledStage<Body = CompiledBody> {
  id: string;
  title: string;
  subject: string;
  questions: Question[];
  variants: Record<Perspective, Body>;
}

export interface CompiledCourse<Body = CompiledBody> {
  id: string;
  title: string;
  language: string;
  defaultCadenceDays: number;
  stages: CompiledStage<Body>[];
}

export type CompiledEmail<Body = CompiledBody> = Body & { subject: string };

export const systemEmailIds = [
  'confirm',
  'already-subscribed',
  'new-links',
  'data-deleted',
  'login',
  'invitation',
  'partner-invitation',
  'enrollment-ended',
  'reminder',
] as const;
export type SystemEmailId = (typeof systemEmailIds)[number];

export interface CompiledTemplates<Body = CompiledBody> {
  courses: CompiledCourse<Body>[];
  system: Record<SystemEmailId, CompiledEmail<Body>>;
}

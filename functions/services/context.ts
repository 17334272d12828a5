import type { CourseCatalog } from '../courses/catalog';
import type { Clock } from '../domain/clock';
import { ValidationError } from '../domain/errors';
import type { Links } from '../domain/links';
import type { Logger } from '../log';
import type { MailSettings } from '../mail/compose-email';
import type { Mailer } from '../mail/mailer';
import type { Store } from '../store';

/**
 * What every use case needs but the course catalog, wired once per process by the entry point.
 * The SES event handler reads no course and sends no mail, so its bundle carries no templates.
 */
export interface CoreContext {
  store: Store;
  mailer: Mailer;
  clock: Clock;
  links: Links;
  /** The signing secret for link tokens. */
  secret: string;
  mail: MailSettings;
  defaultCourseId: string;
  practice: {
    /** Who may sign up as a practitioner; empty means anyone. */
    allowlist: string[];
    /** Secure cookies everywhere but plain-http local mode. */
    secureCookies: boolean;
  };
  log: Logger;
}

/** Everything a use case needs: the core, and the courses and emails compiled at build time. */
export interface ServiceContext extends CoreContext {
  catalog: CourseCatalog;
}

/** The course a sign-up or enrollment asks for (the default when none), or a 400 naming it. */
export function courseToJoin(ctx: ServiceContext, courseId: string | undefined): string {
  const id = courseId ?? ctx.defaultCourseId;
  if (!ctx.catalog.has(id)) {
    throw new ValidationError('That course does not exist.', { courseId: 'Unknown course.' });
  }
  return id;
}

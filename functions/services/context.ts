import type { CourseCatalog } from '../courses/catalog';
import type { Clock } from '../domain/clock';
import { ValidationError } from '../domain/errors';
import type { Links } from '../domain/links';
import type { Logger } from '../log';
import type { MailSettings } from '../mail/compose-email';
import type { Mailer } from '../mail/mailer';
import type { Store } from '../store';

/** Everything a use case needs, wired once per process by the entry point. */
export interface ServiceContext {
  store: Store;
  mailer: Mailer;
  catalog: CourseCatalog;
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

/** The course a sign-up or enrollment asks for (the default when none), or a 400 naming it. */
export function courseToJoin(ctx: ServiceContext, courseId: string | undefined): string {
  const id = courseId ?? ctx.defaultCourseId;
  if (!ctx.catalog.has(id)) {
    throw new ValidationError('That course does not exist.', { courseId: 'Unknown course.' });
  }
  return id;
}

import type { CourseCatalog } from '../courses/catalog';
import type { Clock } from '../domain/clock';
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

import type { AwsClientSettings } from '../config/aws-settings';
import type { Env } from '../config/env';
import type { CourseCatalog } from '../courses/catalog';
import { type Clock, systemClock } from '../domain/clock';
import { subscriberIdFor } from '../domain/email-address';
import { Links } from '../domain/links';
import type { RecipientState } from '../domain/mail-policy';
import { type Logger, lambdaLogger } from '../log';
import { GuardedMailer } from '../mail/guarded-mailer';
import type { Mailer } from '../mail/mailer';
import { RateLimitedMailer } from '../mail/rate-limited-mailer';
import { createSesClient } from '../mail/ses-client';
import { SesMailer } from '../mail/ses-mailer';
import type { CoreContext, ServiceContext } from '../services/context';
import { createStore, type Store } from '../store';
import { createDocumentClient } from '../store/dynamo-client';

export interface ContextOverrides {
  clock?: Clock;
  log?: Logger;
  /** Wraps the SES adapter, e.g. to inject failures in tests; the rate limit stays outside. */
  wrapMailer?: (mailer: Mailer) => Mailer;
  /** Credentials for the local engines; in AWS the SDK's default chain finds the role's. */
  credentials?: AwsClientSettings['credentials'];
}

/**
 * Wires adapters to the use cases. The only difference between AWS and local mode is the
 * endpoint each client talks to.
 */
export function buildCoreContext(
  env: Env,
  secret: string,
  overrides: ContextOverrides = {},
): CoreContext {
  const aws = { region: env.AWS_REGION, credentials: overrides.credentials };
  const db = createDocumentClient({ ...aws, endpoint: env.AWS_ENDPOINT_URL_DYNAMODB });
  const ses = new SesMailer({
    from: env.FROM_ADDRESS,
    configurationSet: env.SES_CONFIGURATION_SET,
    client: createSesClient({ ...aws, endpoint: env.AWS_ENDPOINT_URL_SESV2 }),
  });
  const store = createStore({ db, tableName: env.TABLE_NAME });
  const clock = overrides.clock ?? systemClock;
  const log = overrides.log ?? lambdaLogger('mend');
  const rateLimited = new RateLimitedMailer(
    overrides.wrapMailer ? overrides.wrapMailer(ses) : ses,
    store.sendRate,
    clock,
    env.SEND_RATE_PER_SECOND,
  );
  return {
    store,
    // Outside the rate limit: a withheld email takes no send slot.
    mailer: new GuardedMailer(rateLimited, recipientLookup(store, secret), log),
    clock,
    links: new Links(env.BASE_URL, secret),
    secret,
    mail: {
      postalAddress: env.POSTAL_ADDRESS,
      helpUrl: `${env.BASE_URL}/help`,
      listUnsubscribeMailto: env.LIST_UNSUBSCRIBE_MAILTO,
    },
    defaultCourseId: env.DEFAULT_COURSE_ID,
    practice: {
      allowlist: env.PRACTITIONER_ALLOWLIST,
      secureCookies: env.BASE_URL.startsWith('https://'),
    },
    log,
  };
}

/** What the mail guard needs to know of an address: erased, and its subscriber status. */
function recipientLookup(store: Store, secret: string) {
  return async (address: string): Promise<RecipientState> => {
    const subscriberId = subscriberIdFor(address, secret);
    const [erased, profile] = await Promise.all([
      store.erasure.isSuppressed(subscriberId),
      store.subscribers.get(subscriberId),
    ]);
    return { erased, status: profile?.status };
  };
}

/**
 * The core context with a course catalog. The catalog is a parameter, not imported here, so that
 * only the entry points that pass one carry the compiled templates.
 */
export function buildContext(
  env: Env,
  secret: string,
  catalog: CourseCatalog,
  overrides: ContextOverrides = {},
): ServiceContext {
  return { ...buildCoreContext(env, secret, overrides), catalog };
}

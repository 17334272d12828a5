import { z } from 'zod';

const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'not a domain name');

/** `course@example.org` or `Name <course@example.org>`: the mailbox part is what SES checks. */
const mailbox = /^(?:[^<>]*<(?<named>[^\s<>@]+@[^\s<>@]+)>|(?<bare>[^\s<>@]+@[^\s<>@]+))$/;

/** The CDK context the app reads; `cdk.json` holds dev defaults, `-c key=value` overrides them. */
export const configSchema = z
  .object({
    stage: z.enum(['dev', 'prod']).default('dev'),
    senderDomain: domainName,
    fromAddress: z.string().trim().min(3).max(320).regex(mailbox, 'not an email address'),
    postalAddress: z.string().trim().min(3).max(300),
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    listUnsubscribeMailto: z.email().optional(),
    defaultCourseId: z.string().min(1).optional(),
    /** The SES sending quota; every sender of the deployment shares it. */
    sendRatePerSecond: z.coerce.number().int().min(1).max(1000).default(14),
    /**
     * How often EventBridge runs the dispatcher. At most 6 hours: a run's event may wait no
     * longer than the interval, and EventBridge keeps an event at most 6 hours.
     */
    dispatchIntervalMinutes: z.coerce
      .number()
      .int()
      .min(5, 'must be at least 5 (the dispatcher may run for up to five minutes)')
      .max(360, 'must be at most 360 (6 hours, the longest EventBridge keeps an event)')
      .default(5),
    /**
     * Reserved concurrency of the dispatcher. 0 (the default) reserves nothing: accounts whose
     * concurrency limit is still 10 cannot reserve any, and overlapping runs are safe anyway
     * (each enrollment is claimed by one run with a conditional write).
     */
    dispatcherReservedConcurrency: z.coerce.number().int().min(0).max(1000).default(0),
    /**
     * `create` makes the SES identity for senderDomain here; `existing` uses one that is already
     * verified in the account and region (another stage's, or one made by hand).
     */
    senderIdentity: z.enum(['create', 'existing']).default('create'),
    /**
     * Comma-separated addresses or domains (`@clinic.example`) that may sign in as practitioners.
     * A prod stack needs one, or `practitionerSignup=open` to let anyone open a practice.
     */
    practitionerAllowlist: z
      .string()
      .trim()
      .transform((list) =>
        list
          .split(',')
          .map((entry) => entry.trim().toLowerCase())
          .filter(Boolean),
      )
      .optional(),
    practitionerSignup: z.enum(['allowlist', 'open']).optional(),
    /** The table's encryption: DynamoDB's AWS-owned/managed key, or a KMS key this stack creates. */
    encryptionKey: z.enum(['aws-managed', 'customer-managed']).default('aws-managed'),
    /** SES custom MAIL FROM domain; `mail.<senderDomain>` when not given. */
    mailFromDomain: domainName.optional(),
    /**
     * `essential` alarms on what stops mail or the site; `full` adds per-function errors, the
     * dispatcher's dead-letter queue, late mail and the dispatcher's custom metrics (about
     * $2.30 a month more at list prices; docs/deploy.md).
     */
    monitoring: z.enum(['essential', 'full']).default('essential'),
    /** Alarms go to an SNS topic; given an address, the topic emails it. */
    alarmEmail: z.email().optional(),
    /** A custom domain for the HTTP API; needs `certificateArn`, an ACM certificate in the region. */
    apiDomainName: domainName.optional(),
    certificateArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/,
        'not an ACM certificate ARN',
      )
      .optional(),
  })
  .refine((config) => !config.apiDomainName || config.certificateArn, {
    message: 'is required with apiDomainName: the ARN of an ACM certificate for that domain',
    path: ['certificateArn'],
  })
  .refine((config) => !config.certificateArn || config.apiDomainName, {
    message: 'is required with certificateArn: the custom domain the certificate is for',
    path: ['apiDomainName'],
  })
  .refine(
    (config) => !config.mailFromDomain || config.mailFromDomain.endsWith(`.${config.senderDomain}`),
    {
      message: 'must be a subdomain of senderDomain, e.g. mail.<senderDomain>',
      path: ['mailFromDomain'],
    },
  )
  .refine(
    (config) =>
      config.stage !== 'prod' ||
      config.practitionerSignup === 'open' ||
      (config.practitionerAllowlist?.length ?? 0) > 0,
    {
      message:
        'is required for stage=prod: the addresses or @domains that may open a practice (or pass -c practitionerSignup=open to let anyone)',
      path: ['practitionerAllowlist'],
    },
  )
  .refine(
    (config) => !(config.practitionerSignup === 'open' && config.practitionerAllowlist?.length),
    {
      message: 'cannot be open while practitionerAllowlist is set; choose one',
      path: ['practitionerSignup'],
    },
  )
  .refine((config) => senderDomainOf(config.fromAddress) === config.senderDomain, {
    message: 'must be an address at senderDomain, the identity the functions may send from',
    path: ['fromAddress'],
  });

export type MendConfig = z.infer<typeof configSchema>;

/** Every context key the app reads, so `app.ts` can collect exactly these. */
export const CONTEXT_KEYS = Object.keys(configSchema.shape) as (keyof MendConfig)[];

export class InfraConfigError extends Error {
  override name = 'InfraConfigError';
}

/**
 * Parses the app's context. A missing or malformed value fails with a message that names the
 * context key and how to set it. Empty strings count as missing, as `-c key=` gives one.
 */
export function readConfig(context: Record<string, unknown>): MendConfig {
  const present = Object.fromEntries(
    Object.entries(context).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = configSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = issue.path.join('.');
    return key in present
      ? `context value "${key}" is invalid: ${issue.message}`
      : `context value "${key}" is missing: set it in mend.config.json or pass -c ${key}=...`;
  });
  throw new InfraConfigError(`Invalid CDK context: ${problems.join('; ')}`);
}

/** The MAIL FROM domain SES uses for the envelope sender (bounces go there). */
export function mailFromDomainOf(config: MendConfig): string {
  return config.mailFromDomain ?? `mail.${config.senderDomain}`;
}

/** The public origin links point at: `baseUrl`, else the custom API domain, else none (the API's own). */
export function publicBaseUrlOf(config: MendConfig): string | undefined {
  return config.baseUrl ?? (config.apiDomainName ? `https://${config.apiDomainName}` : undefined);
}

/** The mailbox of the From address (`course@example.org` of `Mend <course@example.org>`). */
export function fromMailboxOf(config: Pick<MendConfig, 'fromAddress'>): string {
  const groups = mailbox.exec(config.fromAddress.trim())?.groups;
  return groups?.named ?? groups?.bare ?? config.fromAddress.trim();
}

function senderDomainOf(fromAddress: string): string | undefined {
  return fromMailboxOf({ fromAddress }).split('@')[1]?.toLowerCase();
}

import * as z from 'zod/mini';
import './zod-locale';

const optionalUrl = z.optional(z.url({ protocol: /^https?$/ }));

const tableName = z.string().check(z.minLength(1));
const region = z._default(z.string().check(z.minLength(1)), 'us-east-1');
const signingSecret = z.optional(z.string().check(z.minLength(32)));
const signingSecretArn = z.optional(z.string().check(z.minLength(1)));

/** Everything the functions read from their environment, parsed once at cold start. */
export const envSchema = z
  .object({
    TABLE_NAME: tableName,
    BASE_URL: z.pipe(
      z.url({ protocol: /^https?$/ }),
      z.transform((url: string) => url.replace(/\/+$/, '')),
    ),
    FROM_ADDRESS: z.string().check(z.minLength(3), z.maxLength(320)),
    POSTAL_ADDRESS: z.string().check(z.minLength(3), z.maxLength(300)),
    SIGNING_SECRET: signingSecret,
    SIGNING_SECRET_ARN: signingSecretArn,
    SES_CONFIGURATION_SET: z.optional(z.string().check(z.minLength(1))),
    LIST_UNSUBSCRIBE_MAILTO: z.optional(z.email()),
    SEND_RATE_PER_SECOND: z._default(
      z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1000)),
      14,
    ),
    /** Comma-separated addresses or domains that may sign up as practitioners; empty = open. */
    PRACTITIONER_ALLOWLIST: z.pipe(
      z._default(z.string(), ''),
      z.transform((list: string) =>
        list
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      ),
    ),
    /** The deployment's stage (`dev`, `prod`): a dimension of every custom metric. */
    STAGE: z._default(z.string().check(z.minLength(1)), 'local'),
    /** `on` records the dispatcher's run counts as CloudWatch custom metrics (billed monthly). */
    CUSTOM_METRICS: z._default(z.enum(['on', 'off']), 'off'),
    DEFAULT_COURSE_ID: z._default(z.string().check(z.minLength(1)), 'repair-reconnect'),
    AWS_REGION: region,
    /** The SDK's own variables for another endpoint (the local engines); AWS's when absent. */
    AWS_ENDPOINT_URL_DYNAMODB: optionalUrl,
    AWS_ENDPOINT_URL_SESV2: optionalUrl,
  })
  .check(
    z.refine((env) => env.SIGNING_SECRET || env.SIGNING_SECRET_ARN, {
      message: 'set SIGNING_SECRET_ARN (or SIGNING_SECRET locally)',
      path: ['SIGNING_SECRET_ARN'],
    }),
  );

export type Env = z.infer<typeof envSchema>;

/**
 * What the admin CLI reads against AWS, the same variables the functions read: the table, the
 * region and, to create practitioners, the signing secret. The endpoint comes from the SDK's own
 * `AWS_ENDPOINT_URL_DYNAMODB`.
 */
export const adminEnvSchema = z.object({
  TABLE_NAME: tableName,
  AWS_REGION: region,
  SIGNING_SECRET: signingSecret,
  SIGNING_SECRET_ARN: signingSecretArn,
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; a missing or malformed value fails with a message naming it. */
export function readEnv(source?: Record<string, string | undefined>): Env;
export function readEnv<S extends z.ZodMiniType>(
  source: Record<string, string | undefined>,
  schema: S,
): z.output<S>;
export function readEnv(
  source: Record<string, string | undefined> = process.env,
  schema: z.ZodMiniType = envSchema,
): unknown {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}

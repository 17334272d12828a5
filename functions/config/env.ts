import { z } from 'zod';

const optionalUrl = z.url({ protocol: /^https?$/ }).optional();

/** Everything the functions read from their environment, parsed once at cold start. */
export const envSchema = z
  .object({
    TABLE_NAME: z.string().min(1),
    BASE_URL: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
    FROM_ADDRESS: z.string().min(3).max(320),
    POSTAL_ADDRESS: z.string().min(3).max(300),
    SIGNING_SECRET: z.string().min(32).optional(),
    SIGNING_SECRET_ARN: z.string().min(1).optional(),
    SES_CONFIGURATION_SET: z.string().min(1).optional(),
    LIST_UNSUBSCRIBE_MAILTO: z.email().optional(),
    SEND_RATE_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(14),
    /** Comma-separated addresses or domains that may sign up as practitioners; empty = open. */
    PRACTITIONER_ALLOWLIST: z
      .string()
      .default('')
      .transform((list) =>
        list
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      ),
    DEFAULT_COURSE_ID: z.string().min(1).default('repair-reconnect'),
    AWS_REGION: z.string().min(1).default('us-east-1'),
    DYNAMODB_ENDPOINT: optionalUrl,
    SES_ENDPOINT: optionalUrl,
  })
  .refine((env) => env.SIGNING_SECRET || env.SIGNING_SECRET_ARN, {
    message: 'set SIGNING_SECRET_ARN (or SIGNING_SECRET locally)',
    path: ['SIGNING_SECRET_ARN'],
  });

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; a missing or malformed value fails with a message naming it. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}

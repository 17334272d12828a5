import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import type { ApiKey } from '../domain/api-key';
import { NotFoundError, UnauthorizedError } from '../domain/errors';
import { isAllowedPractitioner, type Practice } from '../domain/practice';
import type { ServiceContext } from './context';
import { wholeNumber } from './fields';

/**
 * API keys look like `mend_<practiceId>_<keyId>_<secret>`: the practice id (22 base64url
 * characters), a key id (16 hex digits) and 32 random bytes in base64url. Fixed lengths make the
 * key parse unambiguously, since base64url itself contains `_`. Only the SHA-256 of the whole key
 * is stored; the key is shown once, when it is made.
 */
const KEY_PATTERN = /^mend_([A-Za-z0-9_-]{22})_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
/** The non-secret part of a key, as listed: `mend_<practiceId>_<keyId>`. */
const PREFIX_PATTERN = /^mend_([A-Za-z0-9_-]{22})_([0-9a-f]{16})(?:_[A-Za-z0-9_-]*)?$/;

export const API_KEY_NAME_MAX = 60;
const DAY_MS = 86_400_000;
/** Last use is written at most this often per key, not on every call. */
const LAST_USED_PRECISION_MS = 3_600_000;

export const newApiKeySchema = z
  .strictObject({
    name: z.optional(
      z.string({ error: 'The name must be text.' }).check(
        z.trim(),
        z.maxLength(API_KEY_NAME_MAX, `Keep the name to ${API_KEY_NAME_MAX} characters.`),
        z.refine(
          // Control and formatting characters (line breaks, bidi overrides) have no place in a label.
          (name) => !/[\p{Cc}\p{Cf}]/u.test(name),
          'The name cannot contain line breaks or control characters.',
        ),
      ),
    ),
    expiresInDays: z.optional(wholeNumber('Choose an expiry from 1 to 365 days.', 1, 365)),
  })
  .check(
    z.describe(
      'All optional: a name to tell the key apart (up to 60 characters) and an expiry in days. Without an expiry the key works until revoked. Send {} or no body for neither.',
    ),
  );

export type NewApiKey = z.infer<typeof newApiKeySchema>;

export interface ApiKeySummary {
  id: string;
  prefix: string;
  name?: string;
  createdAt: string;
  expiresAt?: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

function hashOf(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

export function summarize({ keyId, prefix, name, createdAt, ...times }: ApiKey): ApiKeySummary {
  const { expiresAt, lastUsedAt, revokedAt } = times;
  return {
    id: keyId,
    prefix,
    ...(name ? { name } : {}),
    createdAt,
    ...(expiresAt ? { expiresAt } : {}),
    ...(lastUsedAt ? { lastUsedAt } : {}),
    ...(revokedAt ? { revokedAt } : {}),
  };
}

/** Makes a key for the practice; the returned `key` exists nowhere else afterwards. */
export async function createApiKey(
  ctx: ServiceContext,
  practice: Practice,
  input: NewApiKey = {},
): Promise<ApiKeySummary & { key: string }> {
  const keyId = randomBytes(8).toString('hex');
  const prefix = `mend_${practice.practiceId}_${keyId}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  const now = ctx.clock.now();
  const record: ApiKey = {
    practiceId: practice.practiceId,
    keyId,
    prefix,
    hash: hashOf(key).toString('hex'),
    name: input.name || undefined,
    createdAt: now.toISOString(),
    expiresAt: input.expiresInDays
      ? new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString()
      : undefined,
  };
  await ctx.store.apiKeys.create(record);
  ctx.log.info('api key created', { practice: practice.practiceId, keyId });
  return { ...summarize(record), key };
}

/** Whether a key no longer works: revoked, or past its expiry. */
export function isSpent(key: ApiKey, now: Date): boolean {
  return (
    key.revokedAt !== undefined ||
    (key.expiresAt !== undefined && Date.parse(key.expiresAt) <= now.getTime())
  );
}

export async function listApiKeys(ctx: ServiceContext, practiceId: string) {
  const records = await ctx.store.apiKeys.list(practiceId);
  return records.map(summarize).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Revokes one of the practice's keys at once; 404 for a key that is not theirs. */
export async function revokeApiKey(
  ctx: ServiceContext,
  practiceId: string,
  keyId: string,
): Promise<void> {
  if (
    !/^[0-9a-f]{16}$/.test(keyId) ||
    !(await ctx.store.apiKeys.revoke(practiceId, keyId, ctx.clock.now()))
  ) {
    throw new NotFoundError('There is no such API key in your practice.');
  }
  ctx.log.info('api key revoked', { practice: practiceId, keyId });
}

/** Which practice and key a full key or a listed prefix names, without checking it. */
export function parseKeyReference(
  reference: string,
): { practiceId: string; keyId: string } | undefined {
  const match = PREFIX_PATTERN.exec(reference.trim());
  return match ? { practiceId: match[1] as string, keyId: match[2] as string } : undefined;
}

const INVALID = 'The API key is missing, malformed, unknown, expired or revoked.';

/** The practice a bearer key belongs to; 401 for anything but a live key. */
export async function practiceForApiKey(ctx: ServiceContext, key: string): Promise<Practice> {
  const match = KEY_PATTERN.exec(key);
  if (!match) throw new UnauthorizedError(INVALID);
  const [, practiceId = '', keyId = ''] = match;
  const record = await ctx.store.apiKeys.get(practiceId, keyId);
  const expected = Buffer.from(record?.hash ?? '', 'hex');
  const actual = hashOf(key);
  const now = ctx.clock.now();
  if (
    !record ||
    isSpent(record, now) ||
    expected.length !== actual.length ||
    !timingSafeEqual(expected, actual)
  ) {
    throw new UnauthorizedError(INVALID);
  }
  if (
    !record.lastUsedAt ||
    now.getTime() - Date.parse(record.lastUsedAt) >= LAST_USED_PRECISION_MS
  ) {
    await ctx.store.apiKeys.markUsed(practiceId, keyId, now);
  }
  const practice = await ctx.store.practices.get(practiceId);
  // Taken off the allowlist: the key stops working at once, and looks like any invalid key.
  if (!practice || !isAllowedPractitioner(practice.email, ctx.practice.allowlist)) {
    throw new UnauthorizedError(INVALID);
  }
  return practice;
}

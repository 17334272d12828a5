import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKey } from '../domain/api-key';
import { NotFoundError, UnauthorizedError } from '../domain/errors';
import type { Practice } from '../domain/practice';
import type { ServiceContext } from './context';

/**
 * API keys look like `mend_<practiceId>_<keyId>_<secret>`: the practice id (22 base64url
 * characters), a key id (16 hex digits) and 32 random bytes in base64url. Fixed lengths make the
 * key parse unambiguously, since base64url itself contains `_`. Only the SHA-256 of the whole key
 * is stored; the key is shown once, when it is made.
 */
const KEY_PATTERN = /^mend_([A-Za-z0-9_-]{22})_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
/** The non-secret part of a key, as listed: `mend_<practiceId>_<keyId>`. */
const PREFIX_PATTERN = /^mend_([A-Za-z0-9_-]{22})_([0-9a-f]{16})(?:_[A-Za-z0-9_-]*)?$/;

export interface ApiKeySummary {
  id: string;
  prefix: string;
  createdAt: string;
  revokedAt?: string;
}

function hashOf(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

export function summarize(record: ApiKey): ApiKeySummary {
  return {
    id: record.keyId,
    prefix: record.prefix,
    createdAt: record.createdAt,
    ...(record.revokedAt ? { revokedAt: record.revokedAt } : {}),
  };
}

/** Makes a key for the practice; the returned `key` exists nowhere else afterwards. */
export async function createApiKey(
  ctx: ServiceContext,
  practice: Practice,
): Promise<ApiKeySummary & { key: string }> {
  const keyId = randomBytes(8).toString('hex');
  const prefix = `mend_${practice.practiceId}_${keyId}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  const createdAt = ctx.clock.now().toISOString();
  await ctx.store.apiKeys.create({
    practiceId: practice.practiceId,
    keyId,
    prefix,
    hash: hashOf(key).toString('hex'),
    createdAt,
  });
  ctx.log.info('api key created', { practice: practice.practiceId, keyId });
  return { id: keyId, key, prefix, createdAt };
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

const INVALID = 'The API key is missing, malformed, unknown or revoked.';

/** The practice a bearer key belongs to; 401 for anything but a live key. */
export async function practiceForApiKey(ctx: ServiceContext, key: string): Promise<Practice> {
  const match = KEY_PATTERN.exec(key);
  if (!match) throw new UnauthorizedError(INVALID);
  const [, practiceId = '', keyId = ''] = match;
  const record = await ctx.store.apiKeys.get(practiceId, keyId);
  const expected = Buffer.from(record?.hash ?? '', 'hex');
  const actual = hashOf(key);
  if (
    !record ||
    record.revokedAt ||
    expected.length !== actual.length ||
    !timingSafeEqual(expected, actual)
  ) {
    throw new UnauthorizedError(INVALID);
  }
  const practice = await ctx.store.practices.get(practiceId);
  if (!practice) throw new UnauthorizedError(INVALID);
  return practice;
}

import * as z from 'zod/mini';
import { enrollmentStatuses } from '../domain/enrollment';
import { cadenceDaysField } from '../services/fields';
import { pairViewStatuses } from '../services/practice-clients';

/**
 * Schemas of the JSON API's bodies that are not already a service's input schema. The OpenAPI
 * document (`app/openapi.ts`) is generated from these and from the services' own input schemas,
 * the same ones the routes validate with.
 */
export const clientPatchSchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('pause') }),
    z.strictObject({ action: z.literal('resume') }),
    z.strictObject({ action: z.literal('pace'), cadenceDays: cadenceDaysField }),
  ],
  { error: 'Choose to pause, resume or change the pace; DELETE the client to end.' },
);

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.record(z.string(), z.string())),
  }),
});

export const apiKeySummary = z.object({
  id: z.string(),
  prefix: z
    .string()
    .check(z.describe('The non-secret start of the key: mend_<practiceId>_<keyId>.')),
  name: z.optional(z.string().check(z.describe('The name given when the key was made.'))),
  createdAt: z.iso.datetime(),
  expiresAt: z.optional(z.iso.datetime().check(z.describe('After this the key is refused.'))),
  lastUsedAt: z.optional(
    z.iso.datetime().check(z.describe('The key’s last use, to within about an hour.')),
  ),
  revokedAt: z.optional(z.iso.datetime()),
});

export const createdApiKey = z.extend(apiKeySummary, {
  key: z.string().check(z.describe('The whole key. Shown once: only its SHA-256 is kept.')),
});

export const clientStatus = z.enum([...enrollmentStatuses, 'invited', 'deleted']);

export const clientRow = z.object({
  clientId: z.string(),
  name: z.optional(z.string()),
  email: z.optional(z.string()),
  courseTitle: z.string(),
  stagesSent: z.int(),
  stageCount: z.int(),
  status: clientStatus,
  pausedBy: z.optional(
    z
      .enum(['client', 'practice', 'partner'])
      .check(
        z.describe(
          'Who paused a paused client; only the client (or, for a pair, the partner who paused it) may resume their own pause.',
        ),
      ),
  ),
  nextEmailAt: z.optional(z.iso.datetime()),
  timeZone: z.optional(z.string()),
  lastAnswerAt: z.optional(z.iso.datetime()),
  sharedAnswers: z.int().check(z.describe('Answers the client chose to share.')),
  cadenceDays: z.int(),
  paceByAnswers: z.boolean(),
});

/** What a practice is told of a pair it made: how it stands, and nothing about the other. */
export const clientPair = z
  .object({
    status: z
      .enum(pairViewStatuses)
      .check(
        z.describe(
          'waiting: not both accepted yet; paused: by one of the two, for both; ended: unpaired, left, or lapsed.',
        ),
      ),
  })
  .check(z.describe('For a client enrolled as one of a pair; nothing about the other.'));

export const clientDetailBody = z.object({
  client: clientRow,
  pair: z.optional(clientPair),
  stages: z
    .array(
      z.object({
        title: z.string(),
        answers: z.array(
          z.object({ question: z.string(), text: z.string(), updatedAt: z.iso.datetime() }),
        ),
      }),
    )
    .check(z.describe('Only the answers the client chose to share, by stage.')),
});

export const enrollResult = z.object({
  clientId: z.string(),
  outcome: z.enum(['invited', 'already-enrolled']),
});

export const enrollPairResult = z.object({
  status: z.literal('invited'),
  clientIds: z
    .array(z.string())
    .check(z.length(2), z.describe('The two clients’ ids, in the order given.')),
});

export const importReportBody = z.object({
  totals: z.object({
    rows: z.int(),
    invited: z.int(),
    alreadyEnrolled: z.int(),
    rejected: z.int(),
  }),
  rows: z.array(
    z.object({
      row: z.int().check(z.describe('The row number in the file; the header is row 1.')),
      email: z.string(),
      outcome: z.enum(['invited', 'already-enrolled', 'rejected']),
      errors: z.optional(z.record(z.string(), z.string())),
    }),
  ),
});

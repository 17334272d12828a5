import path from 'node:path';
import type { ServiceContext } from '../../functions/services/context';
import { DUE_SHARD_COUNT } from '../../functions/store/table';
import { seedActiveSubscriber } from '../../tests/support/seed';
import type { Invocation } from './fresh-invoke';
import { httpApiEvent, scheduledEvent, snsBounceEvent } from './lambda-events';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** One bundle the cold-start benchmark builds, loads and (but for the hello-world) invokes. */
export interface ColdStartSubject {
  name: string;
  entry: string;
  /** What its invocation does, in words for the table. */
  does?: string;
  /**
   * Two events for round `round` (a cold invocation, then the same work warm), after writing
   * whatever they need to find in the table. Each round has items of its own, so every round
   * does the same work.
   */
  invocation?(ctx: ServiceContext, round: number): Promise<Invocation>;
  /** Whether the handler's answer shows the invocation did its work. */
  succeeded?(answer: unknown): boolean;
}

const statusOf = (answer: unknown) => (answer as { statusCode?: number } | null)?.statusCode;
const field = (answer: unknown, name: string) => (answer as Record<string, unknown> | null)?.[name];

/** The bare Hono hello-world: an informational floor, never invoked. */
export const HELLO: ColdStartSubject = {
  name: 'hello-world',
  entry: path.join(ROOT, 'bench/fixtures/hello-lambda.ts'),
};

/** The reference the targets are set against: Hono plus the same SDK clients, one GetItem. */
export const REFERENCE: ColdStartSubject = {
  name: 'SDK reference',
  entry: path.join(ROOT, 'bench/fixtures/sdk-lambda.ts'),
  does: 'GET / reading one item',
  invocation: async (_ctx, round) => ({
    events: [0, 1].map((n) => httpApiEvent({ method: 'GET', path: '/' }, `ref-${round}-${n}`)),
    timeoutMs: 10_000,
  }),
  succeeded: (answer) => statusOf(answer) === 200,
};

/**
 * Mend's three functions, each invoked as Lambda invokes it in production. A sign-up reads and
 * writes the table (rate limit, profile, mail guard, sign-up) and sends the confirmation; the
 * dispatcher's scheduled run finds nothing due after one Query per due-index shard; an SES
 * bounce stops mail to a subscriber seeded for it.
 */
export const MEND_FUNCTIONS: ColdStartSubject[] = [
  {
    name: 'api',
    entry: path.join(ROOT, 'functions/handlers/api.ts'),
    does: 'POST /api/subscriptions',
    invocation: async (_ctx, round) => ({
      events: [0, 1].map((n) =>
        httpApiEvent(
          {
            method: 'POST',
            path: '/api/subscriptions',
            json: { email: `bench.${round}.${n}@example.com` },
            sourceIp: `198.51.100.${(round % 250) + 1}`,
          },
          `api-${round}-${n}`,
        ),
      ),
      timeoutMs: 10_000,
    }),
    succeeded: (answer) => statusOf(answer) === 202,
  },
  {
    name: 'dispatcher',
    entry: path.join(ROOT, 'functions/handlers/dispatcher.ts'),
    does: `a scheduled run finding nothing due (${DUE_SHARD_COUNT} Queries)`,
    invocation: async (_ctx, round) => ({
      events: [0, 1].map((n) => scheduledEvent(`dispatch-${round}-${n}`)),
      timeoutMs: 300_000,
    }),
    succeeded: (answer) => field(answer, 'dueFound') === 0 && field(answer, 'failed') === 0,
  },
  {
    name: 'ses-events',
    entry: path.join(ROOT, 'functions/handlers/ses-events.ts'),
    does: 'an SNS bounce stopping one subscriber',
    invocation: async (ctx, round) => {
      const events = [];
      for (const n of [0, 1]) {
        const recipient = `bounce.${round}.${n}@example.com`;
        await seedActiveSubscriber(ctx, recipient);
        events.push(snsBounceEvent(recipient, `bounce-${round}-${n}`));
      }
      return { events, timeoutMs: 30_000 };
    },
    succeeded: (answer) => field(answer, 'suppressed') === 1,
  },
];

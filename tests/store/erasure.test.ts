import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ERASE_ATTEMPTS,
  ERASE_BASE_DELAY_MS,
  type EraseRequest,
  ErasureRepo,
  type WriteBatch,
  writeBatchTo,
} from '../../functions/store/erasure-repo';
import { keys, queryAll } from '../../functions/store/table';
import { type Harness, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

/**
 * dynalite never leaves batch items unprocessed, so the batch write itself is swapped for one
 * that does, around the real one: what it lets through is really deleted.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

/** A person with a profile, an enrollment and `answers` answers: answers + 2 items. */
async function person(email: string, answers: number) {
  const key = await seedActiveSubscriber(h.ctx, email);
  for (let n = 0; n < answers; n++) {
    await h.ctx.store.answers.save(
      key.subscriberId,
      {
        enrollmentId: key.enrollmentId,
        questionId: `q${n}`,
        stageId: 'welcome',
        text: 'words',
        shared: false,
      },
      h.clock.now(),
    );
  }
  return key;
}

const partition = async (subscriberId: string) =>
  (
    await queryAll(h.ctx.store.table, {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.subscriber(subscriberId) },
      ConsistentRead: true,
    })
  ).map((item) => String(item.SK));

function recording() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('erasing a person', () => {
  it('tries again what DynamoDB left unprocessed, waiting longer each time, until all is gone', async () => {
    const key = await person('flaky.erase@example.com', 40);
    const real = writeBatchTo(h.ctx.store.table);
    let calls = 0;
    // The first two calls of each batch take one item and leave the rest.
    const flaky: WriteBatch = async (requests: EraseRequest[]) => {
      calls += 1;
      if (calls % 3 !== 0) {
        await real(requests.slice(0, 1));
        return requests.slice(1);
      }
      return real(requests);
    };
    const { waits, sleep } = recording();
    const repo = new ErasureRepo(h.ctx.store.table, { writeBatch: flaky, sleep, random: () => 1 });

    expect(await repo.eraseAll(key.subscriberId)).toEqual({ erased: 42, notErased: 0 });
    expect(await partition(key.subscriberId)).toEqual([]);
    // Two batches (25 + 17), each taking three calls, waiting base × 2^n (the jitter at its top).
    expect(calls).toBe(6);
    const base = ERASE_BASE_DELAY_MS;
    expect(waits).toEqual([base, base * 2, base, base * 2]);
  });

  it('jitters its waits, so erasures retrying at the same moment do not retry in step', async () => {
    const key = await person('jitter.erase@example.com', 1);
    const real = writeBatchTo(h.ctx.store.table);
    let calls = 0;
    const flaky: WriteBatch = async (requests) => (++calls < 3 ? requests : real(requests));
    const { waits, sleep } = recording();
    const rolls = [0.5, 0.25];
    const repo = new ErasureRepo(h.ctx.store.table, {
      writeBatch: flaky,
      sleep,
      random: () => rolls.shift() ?? 0,
    });

    expect(await repo.eraseAll(key.subscriberId)).toEqual({ erased: 3, notErased: 0 });
    expect(waits).toEqual([ERASE_BASE_DELAY_MS * 0.5, ERASE_BASE_DELAY_MS * 2 * 0.25]);
  });

  it('gives up after a few tries and says how much is left, keeping the profile for a retry', async () => {
    const key = await person('stuck.erase@example.com', 30);
    const real = writeBatchTo(h.ctx.store.table);
    let calls = 0;
    // One item is never processed.
    const stuck: WriteBatch = async (requests) => {
      calls += 1;
      if (requests.length > 1) await real(requests.slice(0, -1));
      return requests.slice(-1);
    };
    const { waits, sleep } = recording();
    const repo = new ErasureRepo(h.ctx.store.table, { writeBatch: stuck, sleep });

    const result = await repo.eraseAll(key.subscriberId);

    expect(calls).toBe(ERASE_ATTEMPTS);
    expect(waits).toHaveLength(ERASE_ATTEMPTS - 1);
    expect(result.notErased).toBeGreaterThan(0);
    expect(result.erased + result.notErased).toBe(32);
    const left = await partition(key.subscriberId);
    expect(left).toHaveLength(result.notErased);
    expect(left).toContain(keys.profile());
    // The enrollments go first: whatever is left, no more stages are sent.
    expect(left.some((sk) => sk.startsWith(keys.enrollmentPrefix()))).toBe(false);

    expect(await h.ctx.store.erasure.eraseAll(key.subscriberId)).toEqual({
      erased: result.notErased,
      notErased: 0,
    });
    expect(await partition(key.subscriberId)).toEqual([]);
  });
});

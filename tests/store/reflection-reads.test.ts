import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('the reads behind a question page', () => {
  it('return the profile, the enrollment and the answer in one request', async () => {
    const key = await seedActiveSubscriber(h.ctx, 'reads@example.com');
    const requests: string[] = [];
    h.ctx.store.table.db.middlewareStack.add(
      (next, context) => (args) => {
        requests.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    const before = await h.ctx.store.reflections.read(key.subscriberId, key.enrollmentId, 'q1');
    expect(requests).toEqual(['BatchGetItemCommand']);
    expect(before.subscriber?.email).toBe('reads@example.com');
    expect(before.enrollment?.courseId).toBe(key.enrollmentId);
    expect(before.answer).toBeUndefined();

    await h.ctx.store.answers.save(
      key.subscriberId,
      {
        enrollmentId: key.enrollmentId,
        questionId: 'q1',
        stageId: 's1',
        text: 'yes',
        shared: false,
      },
      h.clock.now(),
    );
    const after = await h.ctx.store.reflections.read(key.subscriberId, key.enrollmentId, 'q1');
    expect(after.answer?.text).toBe('yes');
  });

  it('find nothing of someone else, nor of an unknown enrollment', async () => {
    const mine = await seedActiveSubscriber(h.ctx, 'mine@example.com');
    const theirs = await seedActiveSubscriber(h.ctx, 'theirs@example.com');
    await h.ctx.store.answers.save(
      theirs.subscriberId,
      {
        enrollmentId: theirs.enrollmentId,
        questionId: 'q2',
        stageId: 's1',
        text: 'theirs',
        shared: false,
      },
      h.clock.now(),
    );
    const read = await h.ctx.store.reflections.read(mine.subscriberId, 'no-such-course', 'q2');
    expect(read.subscriber?.email).toBe('mine@example.com');
    expect(read.enrollment).toBeUndefined();
    expect(read.answer).toBeUndefined();
  });
});

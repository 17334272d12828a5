import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { dispatcherMetrics, recordRun } from '../../functions/dispatcher/run-metrics';
import { type Harness, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('the dispatcher', () => {
  it('sends the stages in order, one per due run, and nothing when nothing is due', async () => {
    const email = 'in.order@example.com';
    const key = await seedActiveSubscriber(h.ctx, email, { cadenceDays: 1 });
    const course = h.ctx.catalog.compiled(h.ctx.defaultCourseId);
    for (let stage = 0; stage < course.stages.length; stage++) {
      const summary = await runDispatch(h.ctx);
      expect(summary.sent, `run for stage ${stage}`).toBe(1);
      expect((await runDispatch(h.ctx)).sent).toBe(0);
      const enrollment = await h.ctx.store.enrollments.get(key.subscriberId, key.enrollmentId);
      if (!enrollment?.dueAt) break;
      // Not a minute early, and on time (a fixed step of hours would depend on the time of day).
      h.clock.advanceTo(new Date(enrollment.dueAt.getTime() - 60_000));
      expect((await runDispatch(h.ctx)).sent).toBe(0);
      h.clock.advanceTo(enrollment.dueAt);
    }
    const subjects = (await h.mailTo(email)).map((mail) => mail.subject);
    expect(subjects).toEqual(course.stages.map((stage) => stage.subject));
    h.clock.advance(24 * 30);
    expect((await runDispatch(h.ctx)).dueFound).toBe(0);
    const enrollment = await h.ctx.store.enrollments.get(key.subscriberId, key.enrollmentId);
    expect(enrollment?.status).toBe('completed');
  });

  it('sends nothing to a paused or an unsubscribed enrollment', async () => {
    const paused = await seedActiveSubscriber(h.ctx, 'paused@example.com');
    const gone = await seedActiveSubscriber(h.ctx, 'gone@example.com');
    const now = h.clock.now();
    await h.ctx.store.enrollments.deactivate(paused, 'paused', now);
    await h.ctx.store.enrollments.deactivate(gone, 'unsubscribed', now);
    for (let day = 0; day < 10; day++) {
      await runDispatch(h.ctx);
      h.clock.advance(24);
    }
    expect(await h.mailTo('paused@example.com')).toEqual([]);
    expect(await h.mailTo('gone@example.com')).toEqual([]);
  });

  it('sends nothing once the subscriber has unsubscribed, even if an enrollment was left due', async () => {
    const key = await seedActiveSubscriber(h.ctx, 'left@example.com');
    await h.ctx.store.subscribers.markStopped(key.subscriberId, 'unsubscribed', h.clock.now());
    const summary = await runDispatch(h.ctx);
    expect(summary.sent).toBe(0);
    expect(await h.mailTo('left@example.com')).toEqual([]);
    expect((await h.ctx.store.enrollments.get(key.subscriberId, key.enrollmentId))?.status).toBe(
      'unsubscribed',
    );
  });

  it('logs one line per run with its counts, and the lag of the oldest due item as a metric', async () => {
    await seedActiveSubscriber(h.ctx, 'late.one@example.com');
    h.clock.advance(0.5);
    await seedActiveSubscriber(h.ctx, 'late.two@example.com');
    const before = h.logs.length;
    const metrics = dispatcherMetrics('test');
    const emitted: ReturnType<typeof metrics.serializeMetrics>[] = [];
    const summary = await runDispatch(h.ctx, {
      emitMetrics: (s) => {
        recordRun(metrics, s);
        emitted.push(metrics.serializeMetrics());
      },
    });
    const runLines = h.logs.slice(before).filter((line) => line.message === 'dispatch run');
    expect(runLines).toHaveLength(1);
    expect(runLines[0]).toMatchObject({ dueFound: 2, sent: 2, retried: 0, failed: 0 });
    expect(summary.oldestDueLagSeconds).toBeGreaterThanOrEqual(1800);
    const [line] = emitted;
    const [definition] = line?._aws.CloudWatchMetrics ?? [];
    expect(definition?.Namespace).toBe('Mend');
    expect(definition?.Dimensions).toEqual([['service', 'Stage']]);
    expect(definition?.Metrics).toContainEqual({ Name: 'OldestDueLagSeconds', Unit: 'Seconds' });
    expect(line).toMatchObject({
      service: 'dispatcher',
      Stage: 'test',
      OldestDueLagSeconds: summary.oldestDueLagSeconds,
      Sent: 2,
    });
    expect(JSON.stringify(h.logs)).not.toContain('late.one@example.com');
  });

  it('sends each due stage once when two runs start at the same moment', async () => {
    const addresses = Array.from({ length: 40 }, (_, n) => `concurrent.${n}@example.com`);
    for (const address of addresses) await seedActiveSubscriber(h.ctx, address);
    const [first, second] = await Promise.all([runDispatch(h.ctx), runDispatch(h.ctx)]);
    expect((first?.sent ?? 0) + (second?.sent ?? 0)).toBe(addresses.length);
    for (const address of addresses) {
      expect(await h.mailTo(address), address).toHaveLength(1);
    }
  });
});

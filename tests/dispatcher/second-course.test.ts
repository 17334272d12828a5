import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CourseCatalog } from '../../functions/courses/catalog';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { buildTemplates, COURSES_DIR } from '../../scripts/templates/build-all';
import { type Harness, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/courses');
let h: Harness;

beforeAll(async () => {
  const catalog = new CourseCatalog(await buildTemplates([COURSES_DIR, FIXTURES]));
  h = await startHarness({ catalog });
});
afterAll(async () => {
  await h.stop();
});

describe('a second course is only a folder', () => {
  it('is built and delivered, stage by stage, with no code changes', async () => {
    expect(h.ctx.catalog.ids()).toEqual(['repair-reconnect', 'tiny-course']);
    const key = await seedActiveSubscriber(h.ctx, 'tiny@example.com', {
      courseId: 'tiny-course',
      cadenceDays: 2,
      perspective: 'caused',
    });
    await runDispatch(h.ctx);
    h.clock.advance(49);
    await runDispatch(h.ctx);
    h.clock.advance(49);
    expect((await runDispatch(h.ctx)).sent).toBe(0);
    const mail = await h.mailTo('tiny@example.com');
    expect(mail.map((email) => email.subject)).toEqual([
      'A small start · Tiny Test Course',
      'A small end · Tiny Test Course',
    ]);
    expect(mail[0]?.text).toContain('Only for the person who caused the hurt.');
    expect(mail[0]?.text).toContain('/reflect/');
    const enrollment = await h.ctx.store.enrollments.get(key.subscriberId, key.enrollmentId);
    expect(enrollment?.status).toBe('completed');
  });
});

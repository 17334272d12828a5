import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import type { EnrollmentKey } from '../../functions/domain/enrollment';
import { firstLink, type Harness, pathOf, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

async function welcomeFor(email: string, options: Parameters<typeof seedActiveSubscriber>[2]) {
  const key = await seedActiveSubscriber(h.ctx, email, options);
  await runDispatch(h.ctx);
  const [welcome] = await h.mailTo(email);
  return { key, manage: pathOf(firstLink(welcome?.text ?? '', 'manage')) };
}

const enrollment = (key: EnrollmentKey) =>
  h.ctx.store.enrollments.get(key.subscriberId, key.enrollmentId);

describe('the manage page', () => {
  it('pauses (nothing is sent), and resumes where the person left off, a cadence after the last stage', async () => {
    const email = 'pause.resume@example.com';
    const { key, manage } = await welcomeFor(email, {
      timeZone: 'America/New_York',
      cadenceDays: 3,
    });
    expect((await h.postForm(manage, { action: 'pause' })).status).toBe(303);
    expect(await (await fetch(new URL(manage, h.url))).text()).toContain('Paused');
    h.clock.advance(24 * 10);
    await runDispatch(h.ctx);
    expect(await h.mailTo(email)).toHaveLength(1);

    expect((await h.postForm(manage, { action: 'resume' })).status).toBe(303);
    const resumed = await enrollment(key);
    expect(resumed?.status).toBe('active');
    expect(resumed?.nextStage).toBe(1);
    const due = resumed?.dueAt as Date;
    expect(due.getTime()).toBeGreaterThan(h.clock.now().getTime());
    expect(due.getTime() - h.clock.now().getTime()).toBeLessThanOrEqual(24 * 3_600_000);
    const hour = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hour: 'numeric',
      hourCycle: 'h23',
    });
    expect(Number(hour.format(due))).toBe(8);
    h.clock.advanceTo(due);
    await runDispatch(h.ctx);
    const mail = await h.mailTo(email);
    expect(mail).toHaveLength(2);
    expect(mail[1]?.subject).toBe(h.ctx.catalog.compiled('repair-reconnect').stages[1]?.subject);
  });

  it('a time-zone change across a DST boundary takes effect on the very next run', async () => {
    // Friday 26 March 2027; London moves to BST on Sunday the 28th.
    h.clock.advanceTo(new Date('2027-03-26T12:00:00Z'));
    const email = 'moving@example.com';
    const { key, manage } = await welcomeFor(email, {
      timeZone: 'America/New_York',
      cadenceDays: 3,
    });
    const moved = await h.postForm(manage, {
      action: 'settings',
      cadenceDays: '3',
      sendHour: '8',
      timezone: 'Europe/London',
    });
    expect(moved.status).toBe(303);
    // Three days after the welcome, at 08:00 in London, which by then is BST (07:00 UTC).
    expect((await enrollment(key))?.dueAt?.toISOString()).toBe('2027-03-29T07:00:00.000Z');
    h.clock.advanceTo(new Date('2027-03-29T06:58:00Z'));
    await runDispatch(h.ctx);
    expect(await h.mailTo(email)).toHaveLength(1);
    h.clock.advanceTo(new Date('2027-03-29T07:01:00Z'));
    await runDispatch(h.ctx);
    expect(await h.mailTo(email)).toHaveLength(2);
  });

  it('a faster pace and an earlier hour apply from the next stage', async () => {
    const email = 'faster@example.com';
    const { key, manage } = await welcomeFor(email, { timeZone: 'Europe/London', cadenceDays: 7 });
    const before = (await enrollment(key))?.dueAt as Date;
    await h.postForm(manage, {
      action: 'settings',
      cadenceDays: '1',
      sendHour: '6',
      timezone: 'Europe/London',
    });
    const after = (await enrollment(key))?.dueAt as Date;
    expect(after.getTime()).toBeLessThan(before.getTime());
    expect(after.getTime() - h.clock.now().getTime()).toBeLessThanOrEqual(48 * 3_600_000);
    const page = await (await fetch(new URL(manage, h.url))).text();
    expect(page).toContain('<option value="1" selected>Every day</option>');
  });

  it.each([
    [
      { action: 'settings', cadenceDays: '15', sendHour: '8', timezone: 'UTC' },
      'Choose a pace from 1 to 14 days.',
    ],
    [
      { action: 'settings', cadenceDays: '3', sendHour: '24', timezone: 'UTC' },
      'The hour must be a whole number',
    ],
    [
      { action: 'settings', cadenceDays: '3', sendHour: '8', timezone: 'Nowhere/Land' },
      'Choose a time zone',
    ],
    [{ action: 'explode' }, 'Choose to pause, to resume, or to save new settings.'],
  ])('refuses %j with 400 and a clear message, changing nothing', async (fields, message) => {
    const { key, manage } = await welcomeFor(`invalid.${Math.random()}@example.com`, {});
    const before = await enrollment(key);
    const response = await h.postForm(manage, fields as Record<string, string>);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
    expect(await enrollment(key)).toEqual(before);
  });
});

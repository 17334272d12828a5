import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { subscriberIdFor } from '../../functions/domain/email-address';
import { type Harness, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/ses', name), 'utf8'));
const asSns = (record: unknown) => ({
  Records: [
    { EventSource: 'aws:sns', Sns: { Type: 'Notification', Message: JSON.stringify(record) } },
  ],
});
const asEventBridge = (record: unknown) => ({
  version: '0',
  source: 'aws.ses',
  'detail-type': 'Email Bounced',
  detail: record,
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

async function statusOf(email: string) {
  const [enrollment] = await h.ctx.store.enrollments.listForSubscriber(
    subscriberIdFor(email, h.ctx.secret),
  );
  return enrollment?.status;
}

describe('SES notifications', () => {
  it('a permanent bounce, through SNS, stops every enrollment of the address', async () => {
    await seedActiveSubscriber(h.ctx, 'bounced.reader@example.com');
    const response = await h.postJson('/_local/ses-event', asSns(fixture('bounce-permanent.json')));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ records: 1, suppressed: 1 });
    expect(await statusOf('bounced.reader@example.com')).toBe('bounced');
    await runDispatch(h.ctx);
    expect(await h.mailTo('bounced.reader@example.com')).toEqual([]);
  });

  it('a complaint, through EventBridge, stops mail and refuses even a new confirmation', async () => {
    await seedActiveSubscriber(h.ctx, 'complaining.reader@example.com');
    const summary = await h.controls.sesEvent(asEventBridge(fixture('complaint.json')));
    expect(summary).toMatchObject({ records: 1, suppressed: 1 });
    expect(await statusOf('complaining.reader@example.com')).toBe('complained');
    const again = await h.postJson('/api/subscriptions', {
      email: 'complaining.reader@example.com',
    });
    expect(again.status).toBe(202);
    await runDispatch(h.ctx);
    expect(await h.mailTo('complaining.reader@example.com')).toEqual([]);
  });

  it('the older notificationType shape works the same', async () => {
    await seedActiveSubscriber(h.ctx, 'legacy.reader@example.com');
    await h.controls.sesEvent({
      Type: 'Notification',
      Message: JSON.stringify(fixture('legacy-bounce.json')),
    });
    expect(await statusOf('legacy.reader@example.com')).toBe('bounced');
  });

  it('a transient bounce or a delivery changes nothing', async () => {
    await seedActiveSubscriber(h.ctx, 'full.mailbox@example.com');
    expect(await h.controls.sesEvent(fixture('bounce-transient.json'))).toMatchObject({
      suppressed: 0,
      ignored: 1,
    });
    expect(await h.controls.sesEvent(asSns(fixture('delivery.json')))).toMatchObject({
      ignored: 1,
    });
    expect(await statusOf('full.mailbox@example.com')).toBe('active');
    await runDispatch(h.ctx);
    expect(await h.mailTo('full.mailbox@example.com')).toHaveLength(1);
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['an empty object', {}],
    ['SNS with a message that is not JSON', { Records: [{ Sns: { Message: '{oops' } }] }],
    [
      'a bounce without recipients',
      { eventType: 'Bounce', bounce: { bounceType: 'Permanent' }, mail: {} },
    ],
    ['an unknown event type', { eventType: 'Teleport', mail: {} }],
  ])('%s is logged and dropped without throwing', async (_, event) => {
    const before = await h.tableItems();
    const summary = await h.controls.sesEvent(event);
    expect(summary.suppressed).toBe(0);
    expect(await h.tableItems()).toEqual(before);
  });
});

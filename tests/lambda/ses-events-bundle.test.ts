import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledEvent, sesEventBridgeEvent, snsEvent } from './events';
import { type LambdaWorld, REGION, startLambdaWorld } from './lambda-world';

/**
 * The ses-events bundle, built and started as Lambda runs it, invoked with SNS notifications that
 * wrap SES's own event records (the fixtures of tests/fixtures/ses). Readers sign up through the
 * api bundle and get their stages from the dispatcher bundle.
 */
const fixture = (name: string) =>
  JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, '../fixtures/ses', name), 'utf8'),
  ) as Record<string, unknown>;

/** An SES record of `fixture`, addressed to `address`. */
function recordFor(name: string, address: string): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(fixture(name)).replaceAll(/[a-z.]+@example\.com/g, address),
  ) as Record<string, unknown>;
}

let world: LambdaWorld;
beforeAll(async () => {
  world = await startLambdaWorld(['Api', 'Dispatcher', 'SesEvents']);
}, 120_000);
afterAll(async () => {
  await world?.stop();
});

const sesEvents = (record: unknown) =>
  world.lambdas.SesEvents?.invoke(snsEvent(REGION, record)) as Promise<Record<string, number>>;
const dispatch = () => world.lambdas.Dispatcher?.invoke(scheduledEvent(REGION));

describe('the ses-events bundle run as Lambda runs it', () => {
  it('a permanent bounce in an SNS notification stops all mail to the address', async () => {
    await world.signUpAndConfirm('bounces@example.com');
    expect(
      await sesEvents(recordFor('bounce-permanent.json', 'bounces@example.com')),
    ).toMatchObject({ records: 1, suppressed: 1 });
    await dispatch();
    expect(await world.mailTo('bounces@example.com')).toHaveLength(1);
  });

  it('a permanent bounce from the default event bus, as the stack routes it, stops all mail', async () => {
    await world.signUpAndConfirm('bus.bounces@example.com');
    const event = sesEventBridgeEvent(
      REGION,
      recordFor('bounce-permanent.json', 'bus.bounces@example.com'),
    );
    expect(event['detail-type']).toBe('Email Bounced');
    expect(await world.lambdas.SesEvents?.invoke(event)).toMatchObject({
      records: 1,
      suppressed: 1,
    });
    await dispatch();
    expect(await world.mailTo('bus.bounces@example.com')).toHaveLength(1);
  });

  it('a complaint stops all mail to the address', async () => {
    await world.signUpAndConfirm('complains@example.com');
    expect(await sesEvents(recordFor('complaint.json', 'complains@example.com'))).toMatchObject({
      records: 1,
      suppressed: 1,
    });
    await dispatch();
    expect(await world.mailTo('complains@example.com')).toHaveLength(1);
  });

  it('a delivery, a transient bounce and a reject change nothing for the reader', async () => {
    await world.signUpAndConfirm('delivered@example.com');
    for (const name of ['delivery.json', 'bounce-transient.json', 'reject.json']) {
      expect(await sesEvents(recordFor(name, 'delivered@example.com'))).toMatchObject({
        records: 1,
        suppressed: 0,
      });
    }
    await dispatch();
    expect(await world.mailTo('delivered@example.com')).toHaveLength(2);
  });

  it('drops a notification that is not an SES event, logged, rather than failing for ever', async () => {
    expect(await sesEvents({ hello: 'world' })).toMatchObject({ records: 0, malformed: true });
    expect(world.lambdas.SesEvents?.logs.join('')).toMatch(/malformed|not an SES event/i);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledEvent } from './events';
import { type LambdaWorld, linkPath, REGION, startLambdaWorld } from './lambda-world';

/**
 * The dispatcher bundle, built and started as Lambda runs it, invoked with the event the stack's
 * schedule rule sends; the reader signs up and confirms through the api bundle.
 */
let world: LambdaWorld;
beforeAll(async () => {
  world = await startLambdaWorld(['Api', 'Dispatcher']);
}, 120_000);
afterAll(async () => {
  await world?.stop();
});

async function signUpAndConfirm(address: string): Promise<void> {
  const asked = await world.http({
    method: 'POST',
    path: '/api/subscriptions',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: address, timezone: 'Europe/London', perspective: 'caused' }),
  });
  expect(asked.statusCode).toBe(202);
  const confirm = linkPath((await world.mailTo(address))[0], 'confirm');
  const confirmed = await world.http({
    method: 'POST',
    path: confirm,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: world.deployed.apiEndpoint,
    },
    body: '',
    base64: true,
  });
  expect(confirmed.statusCode).toBeLessThan(400);
}

describe('the dispatcher bundle run as Lambda runs it', () => {
  it('sends the first stage of a confirmed reader on the next scheduled run, once', async () => {
    await signUpAndConfirm('scheduled.reader@example.com');
    expect(await world.mailTo('scheduled.reader@example.com')).toHaveLength(1);

    const dispatcher = world.lambdas.Dispatcher;
    const summary = (await dispatcher?.invoke(scheduledEvent(REGION))) as Record<string, number>;
    expect(summary).toMatchObject({ sent: 1, failed: 0 });

    const mail = await world.mailTo('scheduled.reader@example.com');
    expect(mail).toHaveLength(2);
    const stage = mail[1];
    expect(stage?.headers['List-Unsubscribe']).toMatch(
      new RegExp(`^<${world.deployed.apiEndpoint}/unsubscribe/[A-Za-z0-9_.-]+>`),
    );
    expect(stage?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(stage?.html).toContain('<html');
    expect(stage?.text).toContain('/reflect/');

    const again = (await dispatcher?.invoke(scheduledEvent(REGION))) as Record<string, number>;
    expect(again).toMatchObject({ sent: 0 });
    expect(await world.mailTo('scheduled.reader@example.com')).toHaveLength(2);
  });

  it('writes its run summary as an EMF metrics line', () => {
    const logs = world.lambdas.Dispatcher?.logs.join('') ?? '';
    const metrics = logs
      .split('\n')
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as { _aws: { CloudWatchMetrics: unknown[] } });
    expect(metrics.length).toBeGreaterThanOrEqual(2);
    expect(metrics[0]?._aws.CloudWatchMetrics).toHaveLength(1);
    expect(logs).not.toContain('scheduled.reader@example.com');
  });

  it('refuses an event that is not an object rather than guessing', async () => {
    await expect(world.lambdas.Dispatcher?.invoke('run now')).rejects.toThrow();
  });
});

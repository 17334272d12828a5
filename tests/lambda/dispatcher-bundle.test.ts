import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledEvent } from './events';
import { startLambda } from './lambda-process';
import { type LambdaWorld, linkPath, REGION, startLambdaWorld } from './lambda-world';
import { stackFunctions } from './stack-functions';

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

describe('the dispatcher bundle run as Lambda runs it', () => {
  it('sends the first stage of a confirmed reader on the next scheduled run, once', async () => {
    await world.signUpAndConfirm('scheduled.reader@example.com', {
      timezone: 'Europe/London',
      perspective: 'caused',
    });
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

  it('logs each run as a JSON line with the request id and cold start, and no address', () => {
    const logs = world.lambdas.Dispatcher?.logs.join('') ?? '';
    const runs = logs
      .split('\n')
      .filter((line) => line.includes('"dispatch run"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs[0]).toMatchObject({
      level: 'INFO',
      service: 'dispatcher',
      cold_start: true,
      function_request_id: expect.any(String),
      sent: 1,
    });
    expect(runs[1]).toMatchObject({ cold_start: false });
    // Custom metrics cost money: the default (essential) monitoring records none.
    expect(logs).not.toContain('"_aws"');
    expect(logs).not.toContain('scheduled.reader@example.com');
  });

  it('with full monitoring, records the run as CloudWatch metrics for its stage', async () => {
    const spec = stackFunctions(world.deployed, { monitoring: 'full' }).Dispatcher;
    expect(spec.environment.CUSTOM_METRICS).toBe('on');
    const dispatcher = await startLambda(
      spec,
      String(world.bundles.Dispatcher),
      REGION,
      world.endpoints,
    );
    try {
      await dispatcher.invoke(scheduledEvent(REGION));
      const [emf] = dispatcher.logs
        .join('')
        .split('\n')
        .filter((line) => line.includes('"_aws"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(emf).toMatchObject({ service: 'dispatcher', Stage: 'dev', Sent: 0 });
      expect(emf?._aws).toMatchObject({
        CloudWatchMetrics: [{ Namespace: 'Mend', Dimensions: [['service', 'Stage']] }],
      });
    } finally {
      await dispatcher.stop();
    }
  });

  it('pairs two people through the deployed functions: invitation, consent, same stage together', async () => {
    const dispatcher = world.lambdas.Dispatcher;
    const run = () => dispatcher?.invoke(scheduledEvent(REGION));
    const formPost = (path: string, fields: Record<string, string>) =>
      world.http({
        method: 'POST',
        path,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: world.deployed.apiEndpoint,
        },
        body: new URLSearchParams(fields).toString(),
      });
    await world.signUpAndConfirm('first.partner@example.com', { timezone: 'Europe/London' });
    await run();
    const welcome = (await world.mailTo('first.partner@example.com')).at(-1);
    const partner = linkPath(welcome, 'partner');

    const invited = await formPost(`${partner}/invite`, { email: 'second.partner@example.com' });
    expect(invited.statusCode).toBe(303);
    await run();
    const [invitation] = await world.mailTo('second.partner@example.com');
    expect(invitation?.subject).toBe('Someone invited you to take Mend together');
    const accepted = await formPost(linkPath(invitation, 'confirm'), {
      perspective: 'hurt',
      sendHour: '9',
      timezone: 'Australia/Sydney',
    });
    expect(accepted.statusCode).toBe(200);

    const page = await world.http({ method: 'GET', path: partner });
    expect(page.body).toContain('You are taking the course with your partner');
    // The newcomer starts at the welcome, on the next run, with their own links.
    const summary = (await run()) as Record<string, number>;
    expect(summary.sent).toBe(1);
    const theirs = await world.mailTo('second.partner@example.com');
    expect(theirs.at(-1)?.text).toContain('/partner/');
  });

  it('refuses an event that is not an object rather than guessing', async () => {
    await expect(world.lambdas.Dispatcher?.invoke('run now')).rejects.toThrow();
  });
});

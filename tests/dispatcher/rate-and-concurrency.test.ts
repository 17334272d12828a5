import { afterEach, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import type { Mailer } from '../../functions/mail/mailer';
import { type Harness, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function seed(harness: Harness, count: number, prefix: string) {
  const addresses = Array.from({ length: count }, (_, n) => `${prefix}.${n}@example.com`);
  for (let i = 0; i < addresses.length; i += 50) {
    await Promise.all(addresses.slice(i, i + 50).map((a) => seedActiveSubscriber(harness.ctx, a)));
  }
  return addresses;
}

describe('concurrent dispatcher runs', () => {
  it('four runs at once over 1,000 due enrollments send each stage once', async () => {
    h = await startHarness({ env: { SEND_RATE_PER_SECOND: '1000' } });
    const addresses = await seed(h, 1000, 'four');
    const harness = h;
    // A run stops taking claims after its time budget; on a loaded machine the default minute
    // could end a run early, and what is checked here is who sends what, not how fast.
    const summaries = await Promise.all(
      [1, 2, 3, 4].map(() => runDispatch(harness.ctx, { timeBudgetMs: 600_000 })),
    );
    const outbox = await h.outbox();
    const perAddress = new Map<string, number>();
    for (const email of outbox)
      perAddress.set(email.to[0] as string, (perAddress.get(email.to[0] as string) ?? 0) + 1);
    expect(outbox).toHaveLength(1000);
    for (const address of addresses) expect(perAddress.get(address), address).toBe(1);
    expect(summaries.reduce((sum, s) => sum + s.sent, 0)).toBe(1000);
    console.log(
      `concurrency: 4 runs sent ${summaries.map((s) => s.sent).join(' + ')} = 1000, each once`,
    );
  }, 120_000);
});

describe('the configured send rate', () => {
  it('is never exceeded across two concurrent runs: 200 due at 20/s take 9–13 s', async () => {
    const sentAt: number[] = [];
    const recording = (inner: Mailer): Mailer => ({
      async send(email) {
        sentAt.push(Date.now());
        return inner.send(email);
      },
    });
    h = await startHarness({ wrapMailer: recording, env: { SEND_RATE_PER_SECOND: '20' } });
    await seed(h, 200, 'rate');
    const harness = h;
    const [a, b] = await Promise.all([runDispatch(harness.ctx), runDispatch(harness.ctx)]);
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(200);
    sentAt.sort((x, y) => x - y);
    const spanSeconds = ((sentAt.at(-1) as number) - (sentAt[0] as number)) / 1000;
    const perSecond = new Map<number, number>();
    for (const t of sentAt)
      perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    const busiest = Math.max(...perSecond.values());
    console.log(
      `send rate: 200 sends at 20/s over ${spanSeconds.toFixed(2)} s; achieved ${(199 / spanSeconds).toFixed(2)}/s; busiest second ${busiest}`,
    );
    expect(spanSeconds).toBeGreaterThanOrEqual(9);
    expect(spanSeconds).toBeLessThanOrEqual(13);
    expect(busiest).toBeLessThanOrEqual(20);
  }, 60_000);
});

describe('SES throttling', () => {
  it('loses nothing: throttled sends stay due and go out on a later run', async () => {
    let throttleNext = 30;
    const throttling = (inner: Mailer): Mailer => ({
      async send(email) {
        if (throttleNext > 0) {
          throttleNext -= 1;
          throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling' });
        }
        return inner.send(email);
      },
    });
    h = await startHarness({ wrapMailer: throttling, env: { SEND_RATE_PER_SECOND: '1000' } });
    const addresses = await seed(h, 100, 'throttled');
    const first = await runDispatch(h.ctx);
    expect(first.retried).toBe(30);
    expect(first.sent).toBe(70);
    expect((await runDispatch(h.ctx)).sent).toBe(0);
    h.clock.advance(0.25);
    expect((await runDispatch(h.ctx)).sent).toBe(30);
    const outbox = await h.outbox();
    expect(new Set(outbox.map((email) => email.to[0]))).toEqual(new Set(addresses));
    expect(outbox).toHaveLength(100);
  }, 60_000);

  it('stops the run once when the account is paused, and every enrollment stays due', async () => {
    let paused = true;
    const pausedAccount = (inner: Mailer): Mailer => ({
      async send(email) {
        if (paused)
          throw Object.assign(new Error('Sending paused'), { name: 'SendingPausedException' });
        return inner.send(email);
      },
    });
    h = await startHarness({ wrapMailer: pausedAccount, env: { SEND_RATE_PER_SECOND: '1000' } });
    await seed(h, 20, 'paused-account');
    const blocked = await runDispatch(h.ctx);
    expect(blocked.stoppedEarly).toBe('account-blocked');
    expect(blocked.sent).toBe(0);
    expect(h.logs.filter((line) => line.message.includes('refuses to send'))).toHaveLength(1);
    paused = false;
    expect((await runDispatch(h.ctx)).sent).toBe(20);
  }, 60_000);
});

import { randomBytes } from 'node:crypto';
import { runDispatch } from '../functions/dispatcher/run-dispatch';
import { startLocalRuntime } from '../functions/local/local-runtime';
import { silentLogger } from '../functions/log';
import type { Mailer } from '../functions/mail/mailer';
import { seedActiveSubscriber } from '../tests/support/seed';
import { type CpuShares, describeCpu, measureCpu } from './lib/cpu-share';
import { type BenchOptions, type BenchResult, parseOptions, printResults } from './lib/report';

/** Achieved against configured send rate over two concurrent dispatcher runs, and the busiest second. */
async function measure(rate: number, due: number) {
  const sentAt: number[] = [];
  let cpu: CpuShares | undefined;
  const recording = (inner: Mailer): Mailer => ({
    async send(email) {
      sentAt.push(Date.now());
      return inner.send(email);
    },
  });
  const runtime = await startLocalRuntime({
    port: 0,
    enginesInChild: true,
    secret: randomBytes(32).toString('base64url'),
    log: silentLogger,
    wrapMailer: recording,
    env: { SEND_RATE_PER_SECOND: String(rate) },
  });
  try {
    for (let i = 0; i < due; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, due - i) }, (_, n) =>
          seedActiveSubscriber(runtime.ctx, `rate.${i + n}@example.com`),
        ),
      );
    }
    const stop = measureCpu();
    await Promise.all([runDispatch(runtime.ctx), runDispatch(runtime.ctx)]);
    cpu = stop();
  } finally {
    await runtime.stop();
  }
  sentAt.sort((a, b) => a - b);
  const span = ((sentAt.at(-1) as number) - (sentAt[0] as number)) / 1000;
  const achieved = (sentAt.length - 1) / span;
  const perSecond = new Map<number, number>();
  for (const t of sentAt)
    perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
  return { sent: sentAt.length, achieved, busiest: Math.max(...perSecond.values()), cpu };
}

export async function benchSendRate({ quick }: BenchOptions): Promise<BenchResult[]> {
  const cases = quick
    ? [{ rate: 20, due: 21 }]
    : [
        { rate: 20, due: 200 },
        { rate: 100, due: 1000 },
      ];
  const results: BenchResult[] = [];
  for (const { rate, due } of cases) {
    const m = await measure(rate, due);
    const ratio = m.achieved / rate;
    results.push({
      name: `send rate ${rate}/s`,
      figure: `${m.sent} sent at ${m.achieved.toFixed(2)}/s = ${ratio.toFixed(3)} of configured; busiest second ${m.busiest}`,
      target: '≥ 0.95, never above the rate in any second',
      met: ratio >= 0.95 && m.busiest <= rate,
      ratio: { label: `achieved / configured at ${rate}/s`, value: ratio, goal: 0.95 },
      notes: m.cpu && describeCpu(m.cpu, "the dispatchers' process"),
    });
  }
  return results;
}

if (process.argv[1]?.endsWith('send-rate.ts')) {
  printResults(await benchSendRate(parseOptions()));
}

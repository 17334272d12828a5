import { randomBytes } from 'node:crypto';
import { runDispatch } from '../functions/dispatcher/run-dispatch';
import { startLocalRuntime } from '../functions/local/local-runtime';
import { silentLogger } from '../functions/log';
import type { Mailer } from '../functions/mail/mailer';
import { PRICES } from '../scripts/cost/prices';
import { seedActiveSubscriber } from '../tests/support/seed';
import { meterCapacity } from './lib/capacity-meter';
import { describeCpu, measureCpu } from './lib/cpu-share';
import { type BenchOptions, type BenchResult, parseOptions, printResults } from './lib/report';

const DISPATCHER_MEMORY_GB = 0.512;

/**
 * What one email costs the infrastructure: DynamoDB units per email (as the local engine reports
 * them), Scans (there must be none), and the dispatcher's Lambda time, in dollars per 1,000.
 */
export async function benchDispatcherCost({ quick }: BenchOptions): Promise<BenchResult[]> {
  const due = quick ? 20 : 500;
  const ses = { ms: 0, sends: 0 };
  const timed = (inner: Mailer): Mailer => ({
    async send(email) {
      const started = performance.now();
      try {
        return await inner.send(email);
      } finally {
        ses.ms += performance.now() - started;
        ses.sends += 1;
      }
    },
  });
  const runtime = await startLocalRuntime({
    wrapMailer: timed,
    port: 0,
    enginesInChild: true,
    secret: randomBytes(32).toString('base64url'),
    log: silentLogger,
    env: { SEND_RATE_PER_SECOND: '1000' },
  });
  try {
    for (let n = 0; n < due; n++) await seedActiveSubscriber(runtime.ctx, `cost.${n}@example.com`);
    const meter = meterCapacity(runtime.ctx.store.table.db);
    const started = performance.now();
    const stopCpu = measureCpu();
    const summary = await runDispatch(runtime.ctx);
    const cpu = stopCpu();
    const wallSeconds = (performance.now() - started) / 1000;
    // The engines run in a process of their own, so this process's CPU is the dispatcher's own
    // work: Mend's code and the SDK's (serialising, signing, parsing), without the waiting.
    const cpuMsPerEmail = (cpu.self * wallSeconds * 1000) / summary.sent;
    const { readUnits, writeUnits, requests, roundTripMs, answered } = meter.totals;
    const roundTrip = `local round trip: ${(roundTripMs / answered).toFixed(2)} ms a DynamoDB request, ${(ses.ms / ses.sends).toFixed(2)} ms an SES send`;
    const perEmail = { read: readUnits / summary.sent, write: writeUnits / summary.sent };
    const gbSecondsPerEmail = (wallSeconds * DISPATCHER_MEMORY_GB) / summary.sent;
    const dollarsPer1000 =
      1000 *
      (perEmail.read * PRICES.dynamoReadUnit +
        perEmail.write * PRICES.dynamoWriteUnit +
        gbSecondsPerEmail * PRICES.lambdaArmGbSecond +
        PRICES.lambdaRequest / summary.sent);
    const share = dollarsPer1000 / (1000 * PRICES.sesPerEmail);
    const scans = requests.Scan ?? 0;
    return [
      {
        name: 'dispatcher cost',
        figure: `${perEmail.read.toFixed(2)} RCU + ${perEmail.write.toFixed(2)} WCU and ${(gbSecondsPerEmail * 1000).toFixed(2)} mGB-s per email (${summary.sent} sent in ${wallSeconds.toFixed(2)} s locally); $${dollarsPer1000.toFixed(5)} per 1,000 = ${(share * 100).toFixed(2)} % of SES; ${scans} Scans`,
        target: '≤ 5 % of SES’s $0.10 per 1,000; zero Scans',
        met: share <= 0.05 && scans === 0,
        ratio: { label: 'infrastructure / SES cost (%)', value: share * 100, goal: 5 },
        // `npm run cost` prices a month of mail with these.
        data: {
          dispatcherPerEmail: {
            readUnits: perEmail.read,
            writeUnits: perEmail.write,
            lambdaGbSeconds: gbSecondsPerEmail,
          },
        },
        notes: `requests: ${JSON.stringify(requests)}; Lambda time uses the ${roundTrip} (dynalite and local SES on loopback, in a process of their own); the dispatcher's own CPU: ${cpuMsPerEmail.toFixed(2)} ms per email; ${describeCpu(cpu, 'the dispatcher')}`,
      },
    ];
  } finally {
    await runtime.stop();
  }
}

if (process.argv[1]?.endsWith('dispatcher-cost.ts')) {
  printResults(await benchDispatcherCost(parseOptions()));
}

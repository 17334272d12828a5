import { randomBytes } from 'node:crypto';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalRuntime } from '../functions/local/local-runtime';
import { silentLogger } from '../functions/log';
import { keys } from '../functions/store/table';
import { meterCapacity } from './lib/capacity-meter';
import { type BenchOptions, type BenchResult, parseOptions, printResults } from './lib/report';

/** Writes `total` active enrollments, `due` of them due now and the rest due next week. */
async function seedEnrollments(
  runtime: Awaited<ReturnType<typeof startLocalRuntime>>,
  total: number,
  due: number,
  onProgress: (done: number) => void,
) {
  const now = runtime.clock.now();
  const later = new Date(now.getTime() + 7 * 86_400_000).toISOString();
  const past = new Date(now.getTime() - 60_000).toISOString();
  const { db, tableName } = runtime.ctx.store.table;
  const writes: Promise<unknown>[] = [];
  for (let start = 0; start < total; start += 25) {
    const items = Array.from({ length: Math.min(25, total - start) }, (_, i) => {
      const n = start + i;
      const subscriberId = `bench${n}`;
      return {
        PutRequest: {
          Item: {
            PK: keys.subscriber(subscriberId),
            SK: keys.enrollment('repair-reconnect'),
            type: 'enrollment',
            courseId: 'repair-reconnect',
            status: 'active',
            nextStage: 1,
            sendHour: 8,
            timeZone: 'UTC',
            cadenceDays: 3,
            createdAt: now.toISOString(),
            dueShard: keys.dueShard(subscriberId, 'repair-reconnect'),
            dueAt: n < due ? past : later,
          },
        },
      };
    });
    writes.push(db.send(new BatchWriteCommand({ RequestItems: { [tableName]: items } })));
    if (writes.length >= 8) {
      await Promise.all(writes.splice(0));
      if ((start + items.length) % 10_000 === 0) onProgress(start + items.length);
    }
  }
  await Promise.all(writes);
  onProgress(total);
}

/**
 * Finding due work: the read units and time to find 1,000 due enrollments among 10,000 and among
 * 100,000. With a sparse, sharded index queried up to "now", they should not depend on the total.
 */
export async function benchDispatchScaling({ quick }: BenchOptions): Promise<BenchResult[]> {
  const due = quick ? 20 : 1_000;
  const totals = quick ? [100, 400] : [10_000, 100_000];
  const measured: { total: number; units: number; ms: number; found: number }[] = [];
  for (const total of totals) {
    const runtime = await startLocalRuntime({
      port: 0,
      enginesInChild: true,
      secret: randomBytes(32).toString('base64url'),
      log: silentLogger,
    });
    try {
      await seedEnrollments(runtime, total, due, (done) => {
        if (!quick)
          console.log(
            `scaling: seeded ${done.toLocaleString('en')} of ${total.toLocaleString('en')}`,
          );
      });
      const meter = meterCapacity(runtime.ctx.store.table.db);
      const started = performance.now();
      let found = 0;
      for (const shard of keys.allDueShards()) {
        let cursor: Record<string, unknown> | undefined;
        do {
          const page = await runtime.ctx.store.delivery.queryDue(
            shard,
            runtime.clock.now(),
            100,
            cursor,
          );
          found += page.items.length;
          cursor = page.cursor;
        } while (cursor);
      }
      measured.push({
        total,
        units: meter.totals.readUnits,
        ms: performance.now() - started,
        found,
      });
    } finally {
      await runtime.stop();
    }
  }
  const [small, large] = measured as [(typeof measured)[0], (typeof measured)[0]];
  const ratio = large.units / small.units;
  return [
    {
      name: 'dispatcher scaling',
      figure: `${small.found} due among ${small.total.toLocaleString('en')}: ${small.units.toFixed(1)} RCU, ${small.ms.toFixed(0)} ms; ${large.found} due among ${large.total.toLocaleString('en')}: ${large.units.toFixed(1)} RCU, ${large.ms.toFixed(0)} ms; units ratio ${ratio.toFixed(2)}`,
      target: 'units grow with due, not total (ratio ≤ 1.1)',
      met: ratio <= 1.1 && small.found === due && large.found === due,
      ratio: { label: 'read units, 10× the enrollments (×)', value: ratio, goal: 1.1 },
    },
  ];
}

if (process.argv[1]?.endsWith('dispatch-scaling.ts')) {
  printResults(await benchDispatchScaling(parseOptions()));
}

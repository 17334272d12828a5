import type { ServiceContext } from '../services/context';
import type { DueItem, DuePage } from '../store/delivery-repo';
import { deliverInvitation } from './deliver-invitation';
import { AccountBlockedError, type DeliveryOutcome, deliverStage } from './deliver-stage';

export interface DispatchOptions {
  /**
   * Take no new claim after this long (by the context's clock); the next run carries on. Checked
   * before every claim, so the sends still in flight when it is spent are the last of the run.
   */
  timeBudgetMs?: number;
  pageSize?: number;
  /** Sends in flight at once within this run; the shared send slots still cap the rate. */
  concurrency?: number;
  /** Where the run's metrics line goes (CloudWatch reads stdout in Lambda). */
  emitMetrics?: (summary: DispatchSummary) => void;
}

export interface DispatchSummary {
  dueFound: number;
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
  /**
   * Sends SES refused because an identity is not verified (the sender still pending, or a
   * sandbox recipient): the operator's to fix; the enrollments stay due.
   */
  misconfigured: number;
  /** How late the oldest due item found was, in seconds (0 when none). */
  oldestDueLagSeconds: number;
  /** Why the run ended before the index was exhausted, if it did. */
  stoppedEarly?: 'time-budget' | 'account-blocked';
}

/**
 * One enrollment's failure (a store error, a bad template) must not stop the others: it is
 * logged and counted, its claim lapses, and a later run tries again. Only an account-wide SES
 * refusal ends the run.
 */
async function deliverSafely(ctx: ServiceContext, item: DueItem, now: Date) {
  try {
    return item.kind === 'invitation'
      ? await deliverInvitation(ctx, item, now)
      : await deliverStage(ctx, item, now);
  } catch (error) {
    if (error instanceof AccountBlockedError) throw error;
    ctx.log.error('delivery failed; will retry after the claim lapses', {
      subscriber: item.subscriberId,
      error: error instanceof Error ? error.name : 'unknown',
    });
    return 'failed' as const;
  }
}

/**
 * Four sends in flight per run: each send waits on five or so round trips, and DynamoDB and SES
 * answer in parallel. Since each sender reserves the next free send slot instead of waiting for
 * the current one, more senders do not fight over slots (the send rates measured at several
 * sends in flight are in docs/benchmarks-notes.md).
 */
export const DEFAULT_CONCURRENCY = 4;

/**
 * Delivers one page of due items with up to `concurrency` sends in flight. Claims make each item
 * safe to race for; an account-wide refusal stops taking new items and ends the run. Each item is
 * delivered as of the moment it is taken, so its claim's lease runs from then, and none is taken
 * once `outOfTime` says so: those stay due for the next run. False when the time ran out.
 */
async function deliverPage(
  ctx: ServiceContext,
  items: DueItem[],
  concurrency: number,
  outOfTime: () => boolean,
  count: (outcome: DeliveryOutcome) => void,
): Promise<boolean> {
  let next = 0;
  let blocked: AccountBlockedError | undefined;
  let timedOut = false;
  const worker = async () => {
    while (next < items.length && !blocked && !timedOut) {
      if (outOfTime()) {
        timedOut = true;
        break;
      }
      const item = items[next++] as DueItem;
      try {
        count(await deliverSafely(ctx, item, ctx.clock.now()));
      } catch (error) {
        if (!(error instanceof AccountBlockedError)) throw error;
        blocked = error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (blocked) throw blocked;
  return !timedOut;
}

/**
 * One dispatcher run: reads the due-index shard by shard, page by page, and delivers each due
 * enrollment. Its reads grow with the number of due items, never with the number of subscribers.
 */
export async function runDispatch(
  ctx: ServiceContext,
  options: DispatchOptions = {},
): Promise<DispatchSummary> {
  const { timeBudgetMs = 60_000, pageSize = 100, concurrency = DEFAULT_CONCURRENCY } = options;
  // The run finds what is due as of its start; each claim is made as of its own moment.
  const startedAt = ctx.clock.now();
  const outOfTime = () => ctx.clock.now().getTime() - startedAt.getTime() >= timeBudgetMs;
  const summary: DispatchSummary = {
    dueFound: 0,
    sent: 0,
    skipped: 0,
    retried: 0,
    failed: 0,
    misconfigured: 0,
    oldestDueLagSeconds: 0,
  };
  const count = (outcome: DeliveryOutcome) => {
    summary[outcome] += 1;
  };

  // Start at a different shard each run, so a run cut short never starves the same shards.
  const shards = ctx.store.delivery.shards();
  const first = Math.floor(Math.random() * shards.length);
  const order = [...shards.slice(first), ...shards.slice(0, first)];
  try {
    // Every shard's first page at once: a run with little due is one round trip, not sixteen.
    // A page read early may hold items another run claims meanwhile; their claims then fail.
    const firstPages = await Promise.all(
      order.map((shard) => ctx.store.delivery.queryDue(shard, startedAt, pageSize)),
    );
    walk: for (const [n, shard] of order.entries()) {
      let cursor: Record<string, unknown> | undefined;
      let prefetched: DuePage | undefined = firstPages[n];
      do {
        if (outOfTime()) {
          summary.stoppedEarly = 'time-budget';
          break walk;
        }
        const page =
          prefetched ?? (await ctx.store.delivery.queryDue(shard, startedAt, pageSize, cursor));
        prefetched = undefined;
        summary.dueFound += page.items.length;
        for (const item of page.items) {
          const lag = Math.max(0, Math.round((startedAt.getTime() - item.dueAt.getTime()) / 1000));
          summary.oldestDueLagSeconds = Math.max(summary.oldestDueLagSeconds, lag);
        }
        if (!(await deliverPage(ctx, page.items, concurrency, outOfTime, count))) {
          summary.stoppedEarly = 'time-budget';
          break walk;
        }
        cursor = page.cursor;
      } while (cursor);
    }
  } catch (error) {
    if (!(error instanceof AccountBlockedError)) throw error;
    // Once per run, not once per enrollment: every enrollment simply stays due.
    ctx.log.error('SES refuses to send for this account; run stopped', { reason: error.message });
    summary.stoppedEarly = 'account-blocked';
  }
  if (summary.misconfigured > 0) {
    // Once per run, like an account block: nobody was suppressed, but nothing reaches them.
    ctx.log.error('SES refuses sends: an identity is not verified (sender or sandbox recipient)', {
      count: summary.misconfigured,
    });
  }
  ctx.log.info('dispatch run', { ...summary });
  options.emitMetrics?.(summary);
  return summary;
}

import type { Clock } from '../domain/clock';
import type { SendRateRepo } from '../store/send-rate-repo';
import type { Mailer, OutgoingEmail } from './mailer';

const EDGE_MS = 30;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Holds every send to at most `perSecond` in any wall-clock second, across all processes: each
 * send first takes a slot in that second's shared counter, or waits for the next second.
 */
export class RateLimitedMailer implements Mailer {
  constructor(
    private readonly inner: Mailer,
    private readonly slots: SendRateRepo,
    private readonly clock: Clock,
    private readonly perSecond: number,
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    for (;;) {
      const nowMs = this.clock.now().getTime();
      const leftInSecond = 1000 - (nowMs % 1000);
      // Too close to the edge: the send itself could land in the next second.
      if (
        leftInSecond > EDGE_MS &&
        (await this.slots.tryTake(Math.floor(nowMs / 1000), this.perSecond))
      ) {
        break;
      }
      await sleep(leftInSecond + 5);
    }
    return this.inner.send(email);
  }
}

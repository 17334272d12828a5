import type { Clock } from '../domain/clock';
import type { SendRateRepo } from '../store/send-rate-repo';
import type { Mailer, OutgoingEmail } from './mailer';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Holds sends to at most `perSecond` in any wall-clock second, across all processes, and spaces
 * them evenly: each second has `perSecond` slots, 1000/perSecond ms apart, and a send goes only
 * in the first half of a slot it has taken. Waiting costs nothing but time.
 */
export class RateLimitedMailer implements Mailer {
  private readonly slotMs: number;

  constructor(
    private readonly inner: Mailer,
    private readonly slots: SendRateRepo,
    private readonly clock: Clock,
    private readonly perSecond: number,
  ) {
    this.slotMs = 1000 / perSecond;
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    for (;;) {
      const nowMs = this.clock.now().getTime();
      const intoSecond = nowMs % 1000;
      const slot = Math.min(Math.floor(intoSecond / this.slotMs), this.perSecond - 1);
      const intoSlot = intoSecond - slot * this.slotMs;
      const second = Math.floor(nowMs / 1000);
      if (intoSlot < this.slotMs / 2 && (await this.slots.tryTake(second, slot))) {
        // The slot counts against its own second: if a slow write carried us into the next
        // one, sending now could put one too many there, so the slot is given up instead.
        if (Math.floor(this.clock.now().getTime() / 1000) === second) break;
        continue;
      }
      await sleep(Math.max(1, this.slotMs - intoSlot));
    }
    return this.inner.send(email);
  }
}

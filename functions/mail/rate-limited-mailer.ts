import type { Clock } from '../domain/clock';
import type { SendRateRepo } from '../store/send-rate-repo';
import type { Mailer, OutgoingEmail } from './mailer';
import { firstUsableSlot, slotAt } from './send-slots';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Holds sends to at most `perSecond` in any wall-clock second, across all processes, and spaces
 * them evenly. Each send reserves a slot (one conditional write, `SendRateRepo`): the first free
 * one from now on, so senders that find a slot taken move on to the next one instead of waiting
 * for the clock, then waits for its slot to open and sends within its second. A process remembers
 * the slot it took last and starts looking after it. Waiting costs nothing but time.
 */
export class RateLimitedMailer implements Mailer {
  /** The next slot number this process has not tried yet. */
  private cursor = 0;

  constructor(
    private readonly inner: Mailer,
    private readonly slots: SendRateRepo,
    private readonly clock: Clock,
    private readonly perSecond: number,
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    for (;;) {
      let nowMs = this.clock.now().getTime();
      const usable = firstUsableSlot(nowMs, this.perSecond);
      // A clock stepped back (NTP) must not leave this process waiting for slots far ahead.
      if (this.cursor > usable + 2 * this.perSecond) this.cursor = usable;
      const number = Math.max(this.cursor, usable);
      const slot = slotAt(number, this.perSecond);
      // Every slot of the coming second is taken: the rate is reached, wait for room.
      if (slot.startsAt - nowMs > 1000) {
        await sleep(slot.startsAt - nowMs - 1000);
        continue;
      }
      this.cursor = number + 1;
      if (!(await this.slots.tryTake(slot.second, slot.index))) continue;
      nowMs = this.clock.now().getTime();
      if (slot.startsAt > nowMs) {
        await sleep(slot.startsAt - nowMs);
        nowMs = this.clock.now().getTime();
      }
      // The slot counts against its own second: if a slow write or a late timer carried us past
      // it, sending now could put one too many in the next second, so the slot is given up.
      if (Math.floor(nowMs / 1000) === slot.second) break;
    }
    return this.inner.send(email);
  }
}

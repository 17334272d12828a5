/**
 * Send slots: each wall-clock second has `perSecond` of them, `1000 / perSecond` ms apart. A slot
 * is numbered across seconds (second × perSecond + index), so "the next slot" may be in the next
 * second. Pure arithmetic; `RateLimitedMailer` takes the slots.
 */
export interface SendSlot {
  /** Epoch second the slot belongs to: a send on it must go out within that second. */
  second: number;
  /** 0 … perSecond − 1 within the second. */
  index: number;
  /** When the slot opens, in epoch ms. */
  startsAt: number;
}

export function slotAt(number: number, perSecond: number): SendSlot {
  const second = Math.floor(number / perSecond);
  const index = number - second * perSecond;
  return { second, index, startsAt: second * 1000 + (index * 1000) / perSecond };
}

/**
 * The first slot worth taking at `nowMs`: the current one while less than half of it has passed
 * (so the send still falls inside it), otherwise the next.
 */
export function firstUsableSlot(nowMs: number, perSecond: number): number {
  const slotMs = 1000 / perSecond;
  const second = Math.floor(nowMs / 1000);
  const index = Math.min(Math.floor((nowMs - second * 1000) / slotMs), perSecond - 1);
  const current = second * perSecond + index;
  const intoSlot = nowMs - slotAt(current, perSecond).startsAt;
  return intoSlot < slotMs / 2 ? current : current + 1;
}

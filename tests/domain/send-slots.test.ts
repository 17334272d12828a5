import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstUsableSlot, slotAt } from '../../functions/mail/send-slots';

const at = (iso: string) => new Date(iso).getTime();

describe('send slots', () => {
  it('number the slots across seconds, perSecond to a second, evenly spaced', () => {
    const second = at('2026-11-23T10:00:00Z') / 1000;
    expect(slotAt(second * 20, 20)).toEqual({ second, index: 0, startsAt: second * 1000 });
    expect(slotAt(second * 20 + 19, 20)).toEqual({
      second,
      index: 19,
      startsAt: second * 1000 + 950,
    });
    expect(slotAt(second * 20 + 20, 20).second).toBe(second + 1);
  });

  it('offer the current slot in its first half, the next one after', () => {
    const start = at('2026-11-23T10:00:00Z');
    const first = (start / 1000) * 20;
    expect(firstUsableSlot(start, 20)).toBe(first);
    expect(firstUsableSlot(start + 24, 20)).toBe(first);
    expect(firstUsableSlot(start + 25, 20)).toBe(first + 1);
    // The last slot's second half gives the first slot of the next second.
    expect(firstUsableSlot(start + 990, 20)).toBe(first + 20);
  });

  it('never offer a slot that has closed, nor one after the next', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_700_000_000_000, max: 2_100_000_000_000 }),
        fc.constantFrom(1, 14, 20, 50, 100, 1000),
        (nowMs, perSecond) => {
          const slot = slotAt(firstUsableSlot(nowMs, perSecond), perSecond);
          const slotMs = 1000 / perSecond;
          expect(slot.startsAt + slotMs / 2).toBeGreaterThan(nowMs - 1e-6);
          expect(slot.startsAt).toBeLessThanOrEqual(nowMs + slotMs + 1e-6);
          expect(slot.index).toBeLessThan(perSecond);
        },
      ),
    );
  });
});

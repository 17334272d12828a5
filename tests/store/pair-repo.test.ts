import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pair } from '../../functions/domain/pair';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

let count = 0;
function invitedPair(accepted: string[] = []): Pair {
  count += 1;
  const now = h.clock.now();
  return {
    pairId: `pair-${count}-aaaaaaaaaaaaaaaa`,
    courseId: 'repair-reconnect',
    members: [
      { subscriberId: `a${count}`, enrollmentId: 'repair-reconnect' },
      { subscriberId: `b${count}`, enrollmentId: 'repair-reconnect' },
    ],
    accepted,
    status: 'invited',
    plan: { stage: 0, cadenceDays: 3 },
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + 7 * 86_400,
  };
}

describe('the pair item', () => {
  it('records both yeses when the two accept at the same moment', async () => {
    const pair = invitedPair();
    await h.ctx.store.pairs.create(pair);
    const now = h.clock.now();
    await Promise.all(
      pair.members.map((m) => h.ctx.store.pairs.accept(pair.pairId, m.subscriberId, now)),
    );
    const stored = await h.ctx.store.pairs.get(pair.pairId);
    expect(stored?.accepted.sort()).toEqual(pair.members.map((m) => m.subscriberId).sort());
  });

  it('counts a yes once, however often it is given, and none from a stranger', async () => {
    const pair = invitedPair();
    await h.ctx.store.pairs.create(pair);
    const now = h.clock.now();
    const [a] = pair.members;
    await h.ctx.store.pairs.accept(pair.pairId, a.subscriberId, now);
    await h.ctx.store.pairs.accept(pair.pairId, a.subscriberId, now);
    expect(await h.ctx.store.pairs.accept(pair.pairId, 'stranger', now)).toBeUndefined();
    expect((await h.ctx.store.pairs.get(pair.pairId))?.accepted).toEqual([a.subscriberId]);
  });

  it('keeps a lapsed invitation a while past its lapse, so the page can say it lapsed', async () => {
    const pair = invitedPair();
    await h.ctx.store.pairs.create(pair);
    const [raw] = (await h.tableItems()).filter((item) => item.PK === `PAIR#${pair.pairId}`);
    expect(raw?.invitedUntil).toBe(pair.expiresAt);
    expect(Number(raw?.expiresAt)).toBeGreaterThan(Number(pair.expiresAt) + 29 * 86_400);
    expect((await h.ctx.store.pairs.get(pair.pairId))?.expiresAt).toBe(pair.expiresAt);
    const later = new Date((Number(pair.expiresAt) + 60) * 1000);
    expect(await h.ctx.store.pairs.accept(pair.pairId, pair.members[0].subscriberId, later)).toBe(
      undefined,
    );
  });

  it('withdraws only an invitation: a pair that formed meanwhile is not ended by it', async () => {
    const pair = invitedPair();
    await h.ctx.store.pairs.create(pair);
    const now = h.clock.now();
    for (const m of pair.members) await h.ctx.store.pairs.accept(pair.pairId, m.subscriberId, now);
    expect(await h.ctx.store.pairs.form(pair.pairId, { stage: 0, cadenceDays: 3 })).toBe(true);
    expect(await h.ctx.store.pairs.end(pair.pairId, 'invited')).toBeUndefined();
    expect((await h.ctx.store.pairs.get(pair.pairId))?.status).toBe('active');
    const [raw] = (await h.tableItems()).filter((item) => item.PK === `PAIR#${pair.pairId}`);
    expect(raw?.expiresAt).toBeUndefined();
    expect(await h.ctx.store.pairs.end(pair.pairId)).toMatchObject({ pairId: pair.pairId });
    expect(await h.ctx.store.pairs.get(pair.pairId)).toBeUndefined();
  });
});

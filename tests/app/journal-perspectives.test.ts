import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import type { Perspective } from '../../functions/domain/course';
import { escapeHtml } from '../../functions/mail/fill-template';
import { firstLink, type Harness, pathOf, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const question = (id: string) => {
  for (const stage of h.ctx.catalog.course('repair-reconnect').stages) {
    const found = stage.questions.find((q) => q.id === id);
    if (found) return found;
  }
  throw new Error(id);
};

/** Seeds a reader and sends them the welcome and the next two stages, to "Naming what happened". */
async function throughAcknowledge(email: string, perspective: Perspective) {
  const key = await seedActiveSubscriber(h.ctx, email, { perspective });
  for (let stage = 0; stage < 3; stage++) {
    await runDispatch(h.ctx);
    h.clock.advance(24 * 4);
  }
  const mail = await h.mailTo(email);
  expect(mail).toHaveLength(3);
  return { key, acknowledge: mail[2]?.text ?? '' };
}

describe('questions asked of some perspectives only', () => {
  const ownPart = () => question('acknowledge-own-part');
  const realApology = () => question('acknowledge-real-apology');

  it('are left out of the email and the journal of a reader they would land wrong for', async () => {
    const email = 'only.hurt@example.com';
    const { acknowledge } = await throughAcknowledge(email, 'hurt');
    expect(acknowledge).not.toContain(ownPart().text);
    expect(acknowledge).toContain(realApology().text);
    const journal = await (await fetch(firstLink(acknowledge, 'journal'))).text();
    expect(journal).not.toContain(escapeHtml(ownPart().text));
    expect(journal).toContain(escapeHtml(realApology().text));
  });

  it('are asked of the readers they are for', async () => {
    const { acknowledge } = await throughAcknowledge('only.caused@example.com', 'caused');
    expect(acknowledge).toContain(ownPart().text);
    expect(acknowledge).not.toContain(realApology().text);
  });

  it('stay in the journal once answered, whatever the reader’s perspective now', async () => {
    const email = 'answered.before@example.com';
    const { key, acknowledge } = await throughAcknowledge(email, 'hurt');
    const subscriber = await h.ctx.store.subscribers.get(key.subscriberId);
    const link = h.ctx.links.reflect(
      key.subscriberId,
      subscriber?.tokenVersion ?? 0,
      key.enrollmentId,
      'acknowledge-own-part',
    );
    const answer = 'Written when this question was still asked of everyone.';
    expect((await h.postForm(pathOf(link), { answer })).status).toBe(303);
    const journal = await (await fetch(firstLink(acknowledge, 'journal'))).text();
    expect(journal).toContain(escapeHtml(ownPart().text));
    expect(journal).toContain(answer);
  });
});

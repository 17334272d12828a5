import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { subscriberIdFor } from '../../functions/domain/email-address';
import { type Harness, linksIn, pathOf, startHarness } from '../support/harness';
import { acceptInvitation, signInPractice } from '../support/practice';

let h: Harness;
const CLIENT = 'paced@example.com';
const subjects = async () => (await h.mailTo(CLIENT)).map((mail) => mail.subject);

beforeAll(async () => {
  h = await startHarness();
  const ana = await signInPractice(h, 'ana@clinic.example');
  await ana.post('/practice/clients', {
    name: 'Paced Client',
    email: CLIENT,
    cadenceDays: '2',
    paceByAnswers: 'on',
  });
  await acceptInvitation(h, CLIENT, 'no');
  await runDispatch(h.ctx);
});
afterAll(async () => {
  await h.stop();
});

/** Runs the dispatcher once an hour for `hours` hours. */
async function runHourly(hours: number) {
  for (let n = 0; n < hours; n++) {
    h.clock.advance(1);
    await runDispatch(h.ctx);
  }
}

describe('pacing by answers', () => {
  it('holds the next stage past the cadence while the last one has no answer', async () => {
    expect(await subjects()).toHaveLength(2);
    await runHourly(24 * 3);
    expect(await subjects()).toHaveLength(2);
  });

  it('sends one gentle reminder three days after the cadence, and only one', async () => {
    await runHourly(24 * 2 + 2);
    const mail = await subjects();
    expect(mail).toHaveLength(3);
    expect(mail[2]).toBe('A gentle nudge from Mend');
    const reminder = (await h.mailTo(CLIENT))[2];
    expect(reminder?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    await runHourly(24 * 3);
    expect(await subjects()).toHaveLength(3);
  });

  it('sends the next stage at the person’s hour after their first answer', async () => {
    const welcome = (await h.mailTo(CLIENT))[1];
    const [question] = linksIn(welcome?.text ?? '', 'reflect') as [string];
    expect((await h.postForm(pathOf(question), { answer: 'Slowly, yes.' })).status).toBe(303);
    await runHourly(25);
    const mail = await subjects();
    expect(mail).toHaveLength(4);
    expect(mail[3]).toBe(h.ctx.catalog.compiled('repair-reconnect').stages[1]?.subject);
    const sends = await h.ctx.store.sends.listForSubscriber(subscriberIdFor(CLIENT, h.ctx.secret));
    const sentAt = sends.at(-1)?.sentAt as string;
    const hour = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: 'numeric',
      hourCycle: 'h23',
    });
    expect(Number(hour.format(new Date(sentAt)))).toBe(8);
  });
});

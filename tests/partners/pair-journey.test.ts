import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriberIdFor } from '../../functions/domain/email-address';
import { tableStats } from '../../functions/store/table-stats';
import { type Harness, startHarness } from '../support/harness';
import {
  acceptPartnerInvitation,
  currentLinks,
  invite,
  type Member,
  signUpAndConfirm,
} from '../support/partners';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const page = async (path: string) => (await fetch(new URL(path, h.url))).text();

describe('two people take the course together, over HTTP', () => {
  let alex: Member;
  let blake: Member;

  it('the welcome carries a link to invite the other person', async () => {
    alex = await signUpAndConfirm(h, 'alex@example.com', { name: 'Alex' });
    expect(alex.partner).toMatch(/^\/partner\//);
    const partnerPage = await page(alex.partner);
    expect(partnerPage).toContain('Invite the other person');
    expect(partnerPage).toContain('Nobody is owed a shared answer');
  });

  it('an invitation names the inviter, says sharing is by choice, and the inviter sees only "not accepted yet"', async () => {
    const response = await invite(h, alex, 'blake@example.com', {
      name: 'Blake',
      note: 'I would like us to try this.',
    });
    expect(response.status).toBe(303);
    await h.controls.dispatch();
    const [invitation] = await h.mailTo('blake@example.com');
    expect(invitation?.subject).toBe('Alex invited you to take Mend together');
    expect(invitation?.text).toContain('shares nothing by itself');
    expect(invitation?.text).not.toContain('I would like us to try this.');
    expect(await page(alex.partner)).toContain('has not been accepted yet');
  });

  it('a second invitation the same day is refused, and nothing changes', async () => {
    const response = await invite(h, alex, 'someone.else@example.com');
    expect(response.status).toBe(429);
    await h.controls.dispatch();
    expect(await h.mailTo('someone.else@example.com')).toHaveLength(0);
  });

  it('the invitee decides on a page of their own, with the note and the safety words', async () => {
    const [invitation] = await h.mailTo('blake@example.com');
    const link = invitation?.text.match(/https?:\/\/\S+\/confirm\/\S+/)?.[0] ?? '';
    const shown = await page(link);
    expect(shown).toContain('I would like us to try this.');
    expect(shown).toContain('Nobody is owed a yes');
    expect(shown).toContain('Leave this page quickly');
    const accepted = await acceptPartnerInvitation(h, 'blake@example.com', {
      timezone: 'America/New_York',
      sendHour: '7',
    });
    expect(accepted.status).toBe(200);
    await h.controls.dispatch();
    blake = await currentLinks(h, 'blake@example.com');
    expect(await page(alex.partner)).toContain('You are taking the course with your partner');
    expect(await page(blake.partner)).toContain('You are taking the course with your partner');
    // The admin CLI's report counts it (it keeps no names, only statuses).
    expect((await tableStats(h.ctx.store.table, h.clock.now())).pairs).toEqual({ active: 1 });
  });

  it('answers are private until both answer the same question and both share', async () => {
    // Blake starts at the welcome, as Alex did: both have the welcome's questions.
    const [alexQuestion] = alex.reflect;
    const [blakeQuestion] = blake.reflect;
    expect(alexQuestion && blakeQuestion).toBeTruthy();
    expect(await page(alexQuestion as string)).toContain('Share this answer with my partner');

    await h.postForm(alexQuestion as string, { answer: 'Alex, shared.', sharePartner: 'on' });
    const together = `${alex.journal}/together`;
    expect(await page(together)).not.toContain('Alex, shared.');
    expect(await page(`${blake.journal}/together`)).not.toContain('Alex, shared.');

    await h.postForm(blakeQuestion as string, { answer: 'Blake, private.' });
    expect(await page(`${blake.journal}/together`)).not.toContain('Alex, shared.');

    await h.postForm(blakeQuestion as string, { answer: 'Blake, shared.', sharePartner: 'on' });
    const alexSees = await page(together);
    expect(alexSees).toContain('Alex, shared.');
    expect(alexSees).toContain('Blake, shared.');
    expect(await page(`${blake.journal}/together`)).toContain('Alex, shared.');

    // No email ever carries an answer.
    for (const mail of await h.outbox()) {
      expect(mail.text).not.toContain('shared.');
      expect(mail.html).not.toContain('shared.');
    }
  });

  it('a pause by one pauses both, and the other sees only "paused by your partner"', async () => {
    expect((await h.postForm(blake.manage, { action: 'pause' })).status).toBe(303);
    const alexManage = await page(alex.manage);
    expect(alexManage).toContain('Paused by your partner');
    expect(alexManage).not.toContain('Resume where I left off');
    const before = (await h.outbox()).length;
    await h.advanceHours(24 * 10);
    expect(await h.outbox()).toHaveLength(before);
    // Only the one who paused may resume.
    await h.postForm(alex.manage, { action: 'resume' });
    expect(await page(alex.manage)).toContain('Paused by your partner');
    await h.postForm(blake.manage, { action: 'resume' });
    expect(await page(alex.manage)).not.toContain('Paused by your partner');
  });

  it('unpairing is one click, takes effect at once, and tells the other only that it ended', async () => {
    const response = await h.postForm(`${blake.partner}/unpair`);
    expect(response.status).toBe(200);
    expect(await page(`${alex.journal}/together`)).not.toContain('Blake, shared.');
    expect(await page(`${blake.journal}/together`)).not.toContain('Alex, shared.');
    const alexPartner = await page(alex.partner);
    expect(alexPartner).toContain('The pair has ended');
    expect(alexPartner).not.toContain('blake');
    // Both go on alone.
    const before = await h.outbox();
    await h.advanceHours(24 * 4);
    const after = await h.outbox();
    const newTo = after.slice(before.length).map((m) => m.to.join(','));
    expect(newTo.some((to) => to.includes('alex@example.com'))).toBe(true);
    expect(newTo.some((to) => to.includes('blake@example.com'))).toBe(true);
  });
});

describe('what a pair leaves behind', () => {
  it('an export carries the person’s own choices to share, and nothing of the partner', async () => {
    const cleo = await signUpAndConfirm(h, 'cleo@example.com', { name: 'Cleo' });
    await invite(h, cleo, 'drew@example.com');
    await acceptPartnerInvitation(h, 'drew@example.com');
    await h.controls.dispatch();
    const drew = await currentLinks(h, 'drew@example.com');
    await h.postForm(cleo.reflect[0] as string, { answer: 'Cleo, shared.', sharePartner: 'on' });
    await h.postForm(drew.reflect[0] as string, { answer: 'Drew, shared.', sharePartner: 'on' });
    expect(await page(`${cleo.journal}/together`)).toContain('Drew, shared.');

    const exported = await page(`${cleo.journal}/export`);
    const data = JSON.parse(exported) as { answers: Record<string, unknown>[] };
    expect(data.answers).toEqual([
      expect.objectContaining({ answer: 'Cleo, shared.', sharedWithPartner: true }),
    ]);
    expect(exported).not.toContain('Drew');
    expect(exported).not.toContain('drew@example.com');
  });

  it('deleting everything ends the pair, and leaves no item that names both', async () => {
    const cleo = await currentLinks(h, 'cleo@example.com');
    const drew = await currentLinks(h, 'drew@example.com');
    const pairs = async () =>
      (await h.tableItems()).filter((item) => String(item.PK).startsWith('PAIR#'));
    const before = (await pairs()).length;
    expect((await h.postForm(`${cleo.journal}/delete`)).status).toBe(200);
    expect(await pairs()).toHaveLength(before - 1);
    const drewSees = await page(`${drew.journal}/together`);
    expect(drewSees).not.toContain('Cleo, shared.');
    expect(drewSees).toContain('not taking the course with a partner');
    expect(await page(drew.partner)).toContain('The pair has ended');
  });
});

describe('a course finished while paired', () => {
  it('keeps the pair in view; once it ends, invites nobody from the finished course', async () => {
    const eve = await signUpAndConfirm(h, 'eve@example.com');
    await invite(h, eve, 'finn@example.com');
    await acceptPartnerInvitation(h, 'finn@example.com');
    await h.controls.dispatch();
    const finn = await currentLinks(h, 'finn@example.com');
    const eveId = subscriberIdFor('eve@example.com', h.ctx.secret);
    const [enrollment] = await h.ctx.store.enrollments.listForSubscriber(eveId);
    if (!enrollment) throw new Error('no enrollment');
    const last = enrollment.nextStage;
    await h.ctx.store.delivery.recordSent(enrollment, last, h.clock.now(), {
      status: 'completed',
      nextStage: last + 1,
    });
    expect(await page(eve.partner)).toContain('You are taking the course with your partner');

    await h.postForm(`${finn.partner}/unpair`);
    const eveSees = await page(eve.partner);
    expect(eveSees).toContain('The pair has ended');
    expect(eveSees).not.toContain('Invite the other person');
    expect((await invite(h, eve, 'gale@example.com')).status).toBe(409);
  });
});

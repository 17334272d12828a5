import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriberIdFor } from '../../functions/domain/email-address';
import { firstLink, type Harness, pathOf, startHarness } from '../support/harness';
import {
  acceptPartnerInvitation,
  currentLinks,
  invite,
  type Member,
  signUpAndConfirm,
} from '../support/partners';

/**
 * The edges of inviting a partner, over HTTP: what is refused (and stores nothing), what the
 * inviter is told (never more than "not accepted yet"), and what becomes of an invitation that
 * lapses, is withdrawn, is ignored, or reaches someone already paired.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { SEND_RATE_PER_SECOND: '1000' } });
});
afterAll(async () => {
  await h.stop();
});

const NOT_ACCEPTED = 'has not been accepted yet';
const NO_LONGER_OPEN = 'This invitation is no longer open';

const page = async (path: string) => (await fetch(new URL(path, h.url))).text();
const idOf = (email: string) => subscriberIdFor(email, h.ctx.secret);
const enrollmentsOf = (email: string) => h.ctx.store.enrollments.listForSubscriber(idOf(email));
const invitationsTo = async (email: string) =>
  (await h.mailTo(email)).filter((mail) => mail.subject.includes('invited you'));

/** The newest invitation's link, as the invitee would open it from their inbox. */
async function invitationLink(email: string): Promise<string> {
  const [newest] = (await invitationsTo(email)).slice(-1);
  if (!newest) throw new Error(`no invitation to ${email}`);
  return pathOf(firstLink(newest.text, 'confirm'));
}

const CHOICES = { perspective: 'mutual', sendHour: '8', timezone: 'Europe/London' };

describe('an invitation that is refused stores nothing', () => {
  let ines: Member;
  beforeAll(async () => {
    ines = await signUpAndConfirm(h, 'ines@example.com', { name: 'Ines' });
  });

  it.each([
    ['their own address', { email: 'ines@example.com' }, 'not your own'],
    ['their own address, spelled differently', { email: ' INES@Example.com ' }, 'not your own'],
    [
      'a note with a link',
      { email: 'other@example.com', note: 'see evil.example' },
      'Leave links and addresses out of the note',
    ],
    [
      'a note of 281 characters',
      { email: 'other@example.com', note: 'a'.repeat(281) },
      'Keep the note to 280 characters',
    ],
    ['no address', { email: '' }, 'email'],
  ])('%s: 400, with the field’s message', async (_, fields, message) => {
    const before = await h.tableItems();
    const response = await h.postForm(`${ines.partner}/invite`, fields);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
    expect(await h.tableItems()).toEqual(before);
    await h.controls.dispatch();
    expect(await invitationsTo('other@example.com')).toEqual([]);
  });

  it('and the refusals did not use up the day’s invitation: a note of 280 characters goes', async () => {
    const response = await invite(h, ines, 'other@example.com', { note: 'a'.repeat(280) });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/\?sent=1$/);
    expect(await page(ines.partner)).toContain(NOT_ACCEPTED);
    await h.controls.dispatch();
    expect(await invitationsTo('other@example.com')).toHaveLength(1);
  });
});

describe('what the inviter is told', () => {
  it('is the same for an address that unsubscribed, which is never mailed', async () => {
    await signUpAndConfirm(h, 'uma@example.com');
    const unsubscribe = pathOf(
      firstLink((await h.mailTo('uma@example.com')).at(-1)?.text ?? '', 'unsubscribe'),
    );
    expect((await h.postForm(unsubscribe)).status).toBe(200);
    const mailsToUma = (await h.mailTo('uma@example.com')).length;

    const ivo = await signUpAndConfirm(h, 'ivo@example.com');
    const ian = await signUpAndConfirm(h, 'ian@example.com');
    const toUma = await invite(h, ivo, 'uma@example.com');
    const toNewcomer = await invite(h, ian, 'newcomer@example.com');
    for (const response of [toUma, toNewcomer]) {
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toMatch(/^\/partner\/[^/?]+\?sent=1$/);
    }
    const ivoSees = await page(toUma.headers.get('location') as string);
    expect(ivoSees).toContain(NOT_ACCEPTED);
    expect(ivoSees).toContain('Invitation sent.');
    expect(ivoSees).not.toContain('uma');
    await h.controls.dispatch();
    expect(await h.mailTo('uma@example.com')).toHaveLength(mailsToUma);
    expect(await invitationsTo('newcomer@example.com')).toHaveLength(1);
    expect(await page(ivo.partner)).toContain(NOT_ACCEPTED);
  });

  it('is unchanged while the invitee ignores it, and the inviter goes on alone', async () => {
    const ida = await signUpAndConfirm(h, 'ida@example.com');
    expect((await invite(h, ida, 'ignorer@example.com')).status).toBe(303);
    await h.controls.dispatch();
    expect(await invitationsTo('ignorer@example.com')).toHaveLength(1);
    const stagesBefore = (await h.mailTo('ida@example.com')).length;
    await h.advanceHours(24 * 5);
    expect((await h.mailTo('ida@example.com')).length).toBeGreaterThan(stagesBefore);
    expect(await page(ida.partner)).toContain(NOT_ACCEPTED);
    expect(await page(`${ida.journal}/together`)).toContain(
      'You are not taking the course with a partner right now',
    );
    expect(await enrollmentsOf('ignorer@example.com')).toEqual([]);
    expect(await invitationsTo('ignorer@example.com')).toHaveLength(1);
  });
});

describe('an invitation that is no longer open', () => {
  it('lapses after fourteen days: the inviter may invite again, and the link opens nothing', async () => {
    const lea = await signUpAndConfirm(h, 'lea@example.com');
    expect((await invite(h, lea, 'lapsing@example.com')).status).toBe(303);
    await h.controls.dispatch();
    const link = await invitationLink('lapsing@example.com');
    await h.advanceHours(24 * 13);
    expect(await page(lea.partner)).toContain(NOT_ACCEPTED);
    expect((await fetch(new URL(link, h.url))).status).toBe(200);

    await h.advanceHours(24 + 1);
    const leaSees = await page(lea.partner);
    expect(leaSees).not.toContain(NOT_ACCEPTED);
    // It never formed, so nothing "ended": the page says the invitation lapsed.
    expect(leaSees).toContain('Your invitation was not accepted, and has lapsed.');
    expect(leaSees).not.toContain('The pair has ended');
    expect(leaSees).toContain('Invite the other person');
    // The link itself lapses with the invitation: it was signed to last exactly as long.
    for (const response of [await fetch(new URL(link, h.url)), await h.postForm(link, CHOICES)]) {
      expect(response.status).toBe(410);
      expect(await response.text()).toContain('This link has expired');
    }
    expect(await enrollmentsOf('lapsing@example.com')).toEqual([]);
    expect((await invite(h, lea, 'second.try@example.com')).status).toBe(303);
    expect(await page(lea.partner)).toContain(NOT_ACCEPTED);
  });

  it('is withdrawn: the inviter is back to inviting, and the link says it is no longer open', async () => {
    const wim = await signUpAndConfirm(h, 'wim@example.com');
    expect((await invite(h, wim, 'withdrawn@example.com', { note: 'Only for you.' })).status).toBe(
      303,
    );
    await h.controls.dispatch();
    const link = await invitationLink('withdrawn@example.com');
    expect(await page(link)).toContain('Only for you.');

    expect((await h.postForm(`${wim.partner}/withdraw`)).status).toBe(303);
    const wimSees = await page(wim.partner);
    expect(wimSees).not.toContain(NOT_ACCEPTED);
    expect(wimSees).toContain('Invite the other person');

    const opened = await fetch(new URL(link, h.url));
    expect(opened.status).toBe(404);
    const shown = await opened.text();
    expect(shown).toContain(NO_LONGER_OPEN);
    expect(shown).not.toContain('Only for you.');
    const accepted = await h.postForm(link, CHOICES);
    expect(accepted.status).toBe(404);
    expect(await accepted.text()).toContain(NO_LONGER_OPEN);
    expect(await enrollmentsOf('withdrawn@example.com')).toEqual([]);
    expect((await h.ctx.store.subscribers.get(idOf('withdrawn@example.com')))?.status).not.toBe(
      'active',
    );
  });

  it('is withdrawn before the dispatcher runs: no email goes out for it', async () => {
    const wes = await signUpAndConfirm(h, 'wes@example.com');
    expect((await invite(h, wes, 'never.mailed@example.com')).status).toBe(303);
    expect((await h.postForm(`${wes.partner}/withdraw`)).status).toBe(303);
    await h.controls.dispatch();
    expect(await h.mailTo('never.mailed@example.com')).toEqual([]);
  });

  it('reaches someone already taking the course with another: 409, and nothing changes', async () => {
    const cal = await signUpAndConfirm(h, 'cal@example.com');
    expect((await invite(h, cal, 'dee@example.com')).status).toBe(303);
    expect((await acceptPartnerInvitation(h, 'dee@example.com')).status).toBe(200);
    await h.controls.dispatch();
    const dee = await currentLinks(h, 'dee@example.com');
    expect(await page(dee.partner)).toContain('You are taking the course with your partner');

    // A day later, so that the one invitation a day to Dee's address lets Eli's through.
    await h.advanceHours(25);
    const eli = await signUpAndConfirm(h, 'eli@example.com');
    expect((await invite(h, eli, 'dee@example.com', { note: 'Take it with me.' })).status).toBe(
      303,
    );
    await h.controls.dispatch();
    const link = await invitationLink('dee@example.com');

    const before = await h.tableItems();
    const accepted = await h.postForm(link, CHOICES);
    expect(accepted.status).toBe(409);
    expect(await accepted.text()).toContain('unpair first');
    expect(await h.tableItems()).toEqual(before);
    expect(await page(dee.partner)).toContain('You are taking the course with your partner');
    expect(await page(cal.partner)).toContain('You are taking the course with your partner');
    expect(await page(eli.partner)).toContain(NOT_ACCEPTED);
  });
});

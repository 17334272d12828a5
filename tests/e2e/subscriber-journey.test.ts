import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextSendAfter } from '../../functions/domain/schedule';
import { firstLink, type Harness, linksIn, pathOf, startHarness } from '../support/harness';

const ADDRESS = 'sam.rivera@example.com';
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('a subscriber, from sign-up to unsubscribe, over HTTP', () => {
  let confirmUrl: string;
  let welcomeAt: Date;

  it('serves the sign-up page', async () => {
    const response = await fetch(`${h.url}/`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<form method="post" action="/subscribe"');
    expect(page).toContain('name="timezone"');
  });

  it('signs up through the form and gets a confirmation email, but no course yet', async () => {
    const response = await h.postForm('/subscribe', {
      email: '  Sam.Rivera@Example.com ',
      name: 'Sam',
      perspective: 'hurt',
      sendHour: '8',
      timezone: 'America/New_York',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/subscribe/check-inbox');
    const mail = await h.mailTo(ADDRESS);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toContain('confirm');
    confirmUrl = firstLink(mail[0]?.text ?? '', 'confirm');
    expect(mail[0]?.html).toContain(confirmUrl);
    const payload = Buffer.from(confirmUrl.split('/confirm/')[1]?.split('.')[0] ?? '', 'base64url');
    expect(payload.toString()).toMatch(/^\{"p":"confirm"/);
    expect(payload.toString()).not.toMatch(/sam|rivera|@/i);
    await h.advanceHours(0);
    expect(await h.mailTo(ADDRESS)).toHaveLength(1);
  });

  it('shows a page with a button for the confirmation link, and changes nothing on GET', async () => {
    const response = await fetch(confirmUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Confirm and begin');
    await h.advanceHours(0);
    expect(await h.mailTo(ADDRESS)).toHaveLength(1);
  });

  it('starts the course on confirming: the welcome arrives on the next dispatcher run', async () => {
    const response = await h.postForm(pathOf(confirmUrl));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('You’re in');
    expect(await h.mailTo(ADDRESS)).toHaveLength(1);
    welcomeAt = h.clock.now();
    await h.advanceHours(0);
    const mail = await h.mailTo(ADDRESS);
    expect(mail).toHaveLength(2);
    const welcome = mail[1];
    expect(welcome?.subject).toContain('Welcome');
    expect(welcome?.html).toContain('Hi Sam,');
    expect(welcome?.headers['List-Unsubscribe']).toMatch(
      /^<http:\/\/localhost:\d+\/unsubscribe\/[\w.-]+>$/,
    );
    expect(welcome?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('sends the next stage at 08:00 New York time, three days on, and not a minute before', async () => {
    const due = nextSendAfter(welcomeAt, {
      sendHour: 8,
      timeZone: 'America/New_York',
      cadenceDays: 3,
    });
    const localHour = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hour: 'numeric',
      hourCycle: 'h23',
    }).format(due);
    expect(Number(localHour)).toBe(8);
    const hoursUntilDue = (due.getTime() - h.clock.now().getTime()) / 3_600_000;
    await h.advanceHours(hoursUntilDue - 0.05);
    expect(await h.mailTo(ADDRESS)).toHaveLength(2);
    await h.advanceHours(0.1);
    const mail = await h.mailTo(ADDRESS);
    expect(mail).toHaveLength(3);
    expect(mail[2]?.subject).not.toBe(mail[1]?.subject);
  });

  it('lets the person answer a reflection, edit it, and find it in the journal', async () => {
    const stage = (await h.mailTo(ADDRESS))[2];
    const reflectLinks = linksIn(stage?.text ?? '', 'reflect');
    expect(reflectLinks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(reflectLinks).size).toBe(reflectLinks.length);
    for (const link of reflectLinks) expect(stage?.html).toContain(link);
    const [link] = reflectLinks as [string];

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<textarea');

    const saved = await h.postForm(pathOf(link), { answer: 'That it was never about the money.' });
    expect(saved.status).toBe(303);
    const edited = await h.postForm(pathOf(link), { answer: 'That it was about feeling alone.' });
    expect(edited.status).toBe(303);
    const again = await (await fetch(link)).text();
    expect(again).toContain('That it was about feeling alone.');
    expect(again).not.toContain('never about the money');

    const journal = await fetch(firstLink(stage?.text ?? '', 'journal'));
    expect(journal.status).toBe(200);
    const journalPage = await journal.text();
    expect(journalPage).toContain('That it was about feeling alone.');
    expect(journalPage).toContain('Welcome');

    const exported = await fetch(`${firstLink(stage?.text ?? '', 'journal')}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(exported.headers.get('cache-control')).toBe('no-store');
    const data = await exported.json();
    expect(data.profile).toMatchObject({ email: ADDRESS, firstName: 'Sam', perspective: 'hurt' });
    expect(data.answers).toEqual([
      expect.objectContaining({
        answer: 'That it was about feeling alone.',
        courseId: 'repair-reconnect',
      }),
    ]);
    expect(data.answers[0].question.length).toBeGreaterThan(10);
    expect(data.emailsSent).toHaveLength(2);
    expect(data.enrollments[0]).toMatchObject({ status: 'active', stagesReceived: 2 });
  });

  it('stops all mail at once on an RFC 8058 one-click unsubscribe', async () => {
    const stage = (await h.mailTo(ADDRESS))[2];
    const unsubscribe = /<([^>]+)>/.exec(stage?.headers['List-Unsubscribe'] ?? '')?.[1] as string;
    const response = await fetch(unsubscribe, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    await h.advanceHours(24 * 30);
    expect(await h.mailTo(ADDRESS)).toHaveLength(3);
    const manage = await fetch(firstLink(stage?.text ?? '', 'manage'));
    expect(await manage.text()).toContain('Unsubscribed');
  });

  it('sends a fresh confirmation when an unsubscribed address signs up again', async () => {
    const response = await h.postJson('/api/subscriptions', { email: ADDRESS });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'pending' });
    const mail = await h.mailTo(ADDRESS);
    expect(mail).toHaveLength(4);
    const fresh = firstLink(mail[3]?.text ?? '', 'confirm');
    expect(fresh).not.toBe(confirmUrl);
    expect((await h.postForm(pathOf(fresh))).status).toBe(200);
    await h.advanceHours(0);
    const after = await h.mailTo(ADDRESS);
    expect(after).toHaveLength(5);
    // Carries on where they left off: the third stage, not the welcome again.
    const courseStages = after.filter((email) => !email.subject.includes('confirm'));
    expect(courseStages.at(-1)?.subject).not.toBe(courseStages[0]?.subject);
    expect(new Set(courseStages.map((email) => email.subject)).size).toBe(courseStages.length);
  });

  it('logged the whole journey without an address, a token or a word of an answer', async () => {
    const logged = JSON.stringify(h.logs);
    expect(h.logs.length).toBeGreaterThan(5);
    expect(logged).not.toContain(ADDRESS);
    expect(logged.toLowerCase()).not.toContain('sam.rivera');
    expect(logged).not.toContain('feeling alone');
    expect(logged).not.toContain('never about the money');
    for (const email of await h.mailTo(ADDRESS)) {
      for (const kind of ['confirm', 'reflect', 'journal', 'manage', 'unsubscribe']) {
        for (const link of linksIn(email.text, kind)) {
          expect(logged).not.toContain(link.split('/').at(-1));
        }
      }
    }
  });
});

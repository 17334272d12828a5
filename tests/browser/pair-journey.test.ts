import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUICK_EXIT_URL } from '../../functions/app/quick-exit';
import { subscriberIdFor } from '../../functions/domain/email-address';
import { browserMissing, launchChromium, openVisitor, type Visitor } from '../support/browser';
import { firstLink, type Harness, startHarness } from '../support/harness';

/** One person at their own screen: a browser context of their own, watched for errors. */
type Person = Visitor;

describe.skipIf(browserMissing)('two people take the course together, in real browsers', () => {
  let h: Harness;
  let browser: Browser;
  let alex: Person;
  let blake: Person;
  const links: { alexPartner?: string; alexTogether?: string; blakeTogether?: string } = {};

  const person = (timezoneId: string): Promise<Person> => openVisitor(browser, { timezoneId });

  const h1 = (page: Page) => page.locator('h1').textContent();
  const text = (page: Page) => page.locator('main').innerText();

  beforeAll(async () => {
    [h, browser] = await Promise.all([startHarness(), launchChromium()]);
    [alex, blake] = await Promise.all([person('Europe/London'), person('America/New_York')]);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('the first person signs up and confirms in the browser, and invites the other from the partner page', async () => {
    const { page } = alex;
    await page.goto(h.url);
    await page.getByLabel('Your email address').fill('alex@example.com');
    await page.getByLabel(/Your first name/).fill('Alex');
    await page.getByLabel('It’s mutual, or complicated').check();
    await page.locator('#sendHour').selectOption('8');
    await page.getByRole('button', { name: 'Send me the first step' }).click();
    await expect(h1(page)).resolves.toBe('Check your inbox');
    const [confirmation] = await h.mailTo('alex@example.com');
    await page.goto(firstLink(confirmation?.text ?? '', 'confirm'));
    await page.getByRole('button', { name: 'Confirm and begin' }).click();
    await expect(h1(page)).resolves.toBe('You’re in');
    await h.controls.dispatch();

    const welcome = (await h.mailTo('alex@example.com')).at(-1);
    links.alexPartner = firstLink(welcome?.text ?? '', 'partner');
    await page.goto(links.alexPartner);
    await expect(h1(page)).resolves.toBe('Taking the course together');
    await expect(text(page)).resolves.toContain('You are taking the course on your own.');
    await page.getByLabel('Their email address').fill('blake@example.com');
    await page.getByLabel(/Their first name/).fill('Blake');
    await page.getByLabel(/A short note/).fill('I would like us to try this, at our own pace.');
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toBe('Invitation sent.');
    await expect(text(page)).resolves.toContain('Your invitation has not been accepted yet.');
    await expect(page.getByLabel('Their email address').count()).resolves.toBe(0);
  });

  it('the other opens the invitation in their own browser, reads the note and accepts with their own choices', async () => {
    const { page } = blake;
    await h.controls.dispatch();
    const [invitation] = await h.mailTo('blake@example.com');
    expect(invitation?.subject).toBe('Alex invited you to take Mend together');
    expect(invitation?.text).not.toContain('I would like us to try this');
    await page.goto(firstLink(invitation?.text ?? '', 'confirm'));
    await expect(h1(page)).resolves.toBe('Alex invited you to take the course together');
    await expect(page.locator('figure.note blockquote').textContent()).resolves.toBe(
      'I would like us to try this, at our own pace.',
    );
    await expect(text(page)).resolves.toContain('Nobody is owed a yes.');
    // The page picks the browser's zone; the person may still choose another.
    await expect.poll(() => page.locator('#timezone').inputValue()).toBe('America/New_York');
    await page.getByLabel('I was hurt').check();
    await page.locator('#sendHour').selectOption('7');
    await page.locator('#timezone').selectOption('America/Chicago');
    await page.getByRole('button', { name: 'Accept and begin' }).click();
    await expect(h1(page)).resolves.toBe('You’re in');

    const blakeId = subscriberIdFor('blake@example.com', h.ctx.secret);
    const [enrollment] = await h.ctx.store.enrollments.listForSubscriber(blakeId);
    expect(enrollment).toMatchObject({ sendHour: 7, timeZone: 'America/Chicago' });
    expect(enrollment?.pairId).toBeTruthy();
    expect((await h.ctx.store.subscribers.get(blakeId))?.perspective).toBe('hurt');

    await h.controls.dispatch();
    const welcome = (await h.mailTo('blake@example.com')).find((m) => m.text.includes('/reflect/'));
    expect(welcome).toBeDefined();

    await alex.page.reload();
    await expect(text(alex.page)).resolves.toContain('You are taking the course with your partner');
    await expect(alex.page.getByLabel('Their email address').count()).resolves.toBe(0);
  });

  it('a shared answer shows nothing until the other has answered the same question and shared too', async () => {
    const alexWelcome = (await h.mailTo('alex@example.com')).find((m) =>
      m.text.includes('/reflect/'),
    );
    const blakeWelcome = (await h.mailTo('blake@example.com')).find((m) =>
      m.text.includes('/reflect/'),
    );
    const alexQuestion = firstLink(alexWelcome?.text ?? '', 'reflect');
    const blakeQuestion = firstLink(blakeWelcome?.text ?? '', 'reflect');
    expect(new URL(alexQuestion).pathname).not.toBe(new URL(blakeQuestion).pathname);

    await answerAndShare(alex.page, alexQuestion, 'Alex: I want to listen before I explain.');
    const alexQuestionText = await alex.page.locator('h1').textContent();
    await alex.page.getByRole('link', { name: 'Open your journal' }).click();
    await alex.page
      .getByRole('link', { name: 'Answers you and your partner have both shared' })
      .click();
    await expect(h1(alex.page)).resolves.toBe('What you have both shared');
    links.alexTogether = alex.page.url();
    const alone = await text(alex.page);
    expect(alone).toContain('Nothing here yet.');
    expect(alone).not.toContain('Alex: I want to listen');

    await answerAndShare(blake.page, blakeQuestion, 'Blake: I want to feel safe saying so.');
    await expect(h1(blake.page)).resolves.toBe(alexQuestionText);
    await blake.page.getByRole('link', { name: 'Open your journal' }).click();
    await blake.page
      .getByRole('link', { name: 'Answers you and your partner have both shared' })
      .click();
    links.blakeTogether = blake.page.url();
    await expectSideBySide(blake.page, {
      mine: 'Blake: I want to feel safe saying so.',
      theirs: 'Alex: I want to listen before I explain.',
    });
    await alex.page.reload();
    await expectSideBySide(alex.page, {
      mine: 'Alex: I want to listen before I explain.',
      theirs: 'Blake: I want to feel safe saying so.',
    });
  });

  it('one click unpairs: the other no longer sees the shared answer, and is told only that the pair ended', async () => {
    await blake.page.getByRole('button', { name: 'Stop sharing and unpair' }).click();
    await expect(h1(blake.page)).resolves.toBe('You have left the pair');

    await alex.page.reload();
    const after = await text(alex.page);
    expect(after).not.toContain('Blake: I want to feel safe saying so.');
    expect(after).toContain('You are not taking the course with a partner right now');
    await alex.page.goto(links.alexPartner as string);
    const partnerPage = await text(alex.page);
    expect(partnerPage).toContain('The pair has ended.');
    expect(partnerPage.toLowerCase()).not.toContain('blake');
    // Ended, the page offers a new invitation.
    await expect(alex.page.getByLabel('Their email address').count()).resolves.toBe(1);

    await blake.page.goto(links.blakeTogether as string);
    await expect(text(blake.page)).resolves.not.toContain('Alex: I want to listen');
  });

  it('"Leave this page quickly" on the partner page goes to the neutral site', async () => {
    const { page } = alex;
    await page.goto(links.alexPartner as string);
    await page.getByRole('link', { name: 'Leave this page quickly' }).click();
    await page.waitForURL(QUICK_EXIT_URL);
    expect(page.url()).toBe(QUICK_EXIT_URL);
    await expect(page.title()).resolves.toBe('Weather');
  });

  it('no console errors on either side', async () => {
    expect(alex.problems).toEqual([]);
    expect(blake.problems).toEqual([]);
    await Promise.all([alex.context.close(), blake.context.close()]);
  });
});

async function answerAndShare(page: Page, question: string, answer: string): Promise<void> {
  await page.goto(question);
  await page.getByLabel(/Your answer/).fill(answer);
  const share = page.getByLabel(/Share this answer with my partner/);
  await share.check();
  await page.getByRole('button', { name: 'Save to my journal' }).click();
  await expect(page.getByRole('status').textContent()).resolves.toContain('Saved');
  await expect(share.isChecked()).resolves.toBe(true);
}

async function expectSideBySide(
  page: Page,
  answers: { mine: string; theirs: string },
): Promise<void> {
  await expect(page.locator('h1').textContent()).resolves.toBe('What you have both shared');
  const pair = page.locator('.side-by-side').first();
  await expect(pair.locator('.answer').allTextContents()).resolves.toEqual([
    answers.mine,
    answers.theirs,
  ]);
  await expect(pair.locator('h3').allTextContents()).resolves.toEqual([
    'You wrote',
    'Your partner wrote',
  ]);
}

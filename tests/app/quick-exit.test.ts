import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUICK_EXIT_SCRIPT, QUICK_EXIT_URL } from '../../functions/app/quick-exit';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { firstLink, type Harness, pathOf, startHarness } from '../support/harness';
import { signInPractice } from '../support/practice';
import { seedActiveSubscriber } from '../support/seed';

/**
 * "Leave this page quickly" is on every page a subscriber reads, as a plain link that works
 * without JavaScript plus the script that makes it replace the history entry; a practitioner's
 * pages go without it.
 */
let h: Harness;
const pages: Record<string, string> = {};
const practitionerPages: Record<string, string> = {};

async function text(response: Response | Promise<Response>, status = 200): Promise<string> {
  const answer = await response;
  expect(answer.status).toBe(status);
  return answer.text();
}

const get = (path: string) => fetch(new URL(path, h.url));

beforeAll(async () => {
  h = await startHarness();
  for (const email of ['reader@example.com', 'leaving@example.com', 'deleting@example.com'])
    await seedActiveSubscriber(h.ctx, email);
  await runDispatch(h.ctx);
  const linkOf = async (email: string, kind: string) =>
    pathOf(firstLink((await h.mailTo(email))[0]?.text ?? '', kind));

  const reflect = await linkOf('reader@example.com', 'reflect');
  const journal = await linkOf('reader@example.com', 'journal');
  const manage = await linkOf('reader@example.com', 'manage');
  const unsubscribe = await linkOf('reader@example.com', 'unsubscribe');
  pages.journal = await text(get(journal));
  pages['delete (asks)'] = await text(get(`${journal}/delete`));
  pages.reflect = await text(get(reflect));
  pages['reflect, with an error'] = await text(h.postForm(reflect, { answer: '' }), 400);
  pages.manage = await text(get(manage));
  pages['manage, with an error'] = await text(
    h.postForm(manage, { action: 'settings', cadenceDays: 'often' }),
    400,
  );
  pages.unsubscribe = await text(get(unsubscribe));
  pages.unsubscribed = await text(h.postForm(unsubscribe));
  pages['already unsubscribed'] = await text(get(unsubscribe));

  const leaving = await linkOf('leaving@example.com', 'manage');
  pages['signed out of all links'] = await text(h.postForm(`${leaving}/sign-out`));
  const deleting = await linkOf('deleting@example.com', 'journal');
  pages.deleted = await text(h.postForm(`${deleting}/delete`));

  await h.postJson('/api/subscriptions', { email: 'pending@example.com' });
  const confirm = await linkOf('pending@example.com', 'confirm');
  pages.confirm = await text(get(confirm));
  pages.confirmed = await text(h.postForm(confirm));
  pages['already confirmed'] = await text(get(confirm));

  const practice = await signInPractice(h, 'ana@clinic.example');
  practitionerPages.dashboard = await text(
    practice.post('/practice/clients', { name: 'Rowan Lee', email: 'rowan@example.com' }),
  );
  practitionerPages.keys = await text(practice.get('/practice/keys'));
  practitionerPages['sign-in'] = await text(get('/practice/login'));
  await runDispatch(h.ctx);
  const invitation = await linkOf('rowan@example.com', 'confirm');
  pages.consent = await text(get(invitation));
  pages['consent, with an error'] = await text(h.postForm(invitation, {}), 400);

  pages.help = await text(get('/help'));
  pages['sign-up'] = await text(get('/'));
  pages['check inbox'] = await text(get('/subscribe/check-inbox'));
});
afterAll(async () => {
  await h.stop();
});

/** The control's link, as the browser would read it: its attributes and its text. */
function quickExitLink(page: string) {
  const links = [...page.matchAll(/<a id="quick-exit"([^>]*)>([^<]*)<\/a>/g)];
  if (links.length !== 1) return undefined;
  const [, attributes = '', name] = links[0] as RegExpMatchArray;
  const attribute = (key: string) => new RegExp(`\\s${key}="([^"]*)"`).exec(attributes)?.[1];
  return { href: attribute('href'), rel: attribute('rel'), name };
}

const scriptTags = (page: string) =>
  [...page.matchAll(/<script [^>]*><\/script>/g)].map((match) => match[0]);

describe('the quick exit', () => {
  it('points at one neutral page outside the site', () => {
    expect(new URL(QUICK_EXIT_URL).origin).not.toBe(new URL(h.url).origin);
    expect(QUICK_EXIT_URL).toMatch(/^https:\/\//);
  });

  it.each([
    'journal',
    'delete (asks)',
    'deleted',
    'reflect',
    'reflect, with an error',
    'manage',
    'manage, with an error',
    'signed out of all links',
    'unsubscribe',
    'unsubscribed',
    'already unsubscribed',
    'confirm',
    'confirmed',
    'already confirmed',
    'consent',
    'consent, with an error',
    'help',
    'sign-up',
    'check inbox',
  ])('is on the %s page: a plain link, then the script that replaces the history entry', (name) => {
    const page = pages[name] as string;
    expect(quickExitLink(page), name).toEqual({
      href: QUICK_EXIT_URL,
      rel: 'noreferrer',
      name: 'Leave this page quickly',
    });
    // Right after the skip link, before anything else that takes focus.
    const skip = page.indexOf('<a class="skip" href="#main">Skip to content</a>');
    const exit = page.indexOf('<a id="quick-exit"');
    expect(skip).toBeGreaterThan(-1);
    expect(exit).toBeGreaterThan(skip);
    expect(page.slice(skip + 1, exit)).not.toMatch(/<(a|button|input|select|textarea)[\s>]/);
    expect(page.indexOf('<header class="site">')).toBeGreaterThan(exit);
    // Its script exactly once, deferred, beside whatever else the page loads.
    const tags = scriptTags(page);
    expect(tags.filter((tag) => tag.includes(QUICK_EXIT_SCRIPT))).toEqual([
      `<script src="${QUICK_EXIT_SCRIPT}" defer></script>`,
    ]);
  });

  it('keeps the pages’ own scripts', () => {
    for (const name of ['sign-up', 'consent'])
      expect(scriptTags(pages[name] as string), name).toEqual([
        `<script src="${QUICK_EXIT_SCRIPT}" defer></script>`,
        '<script src="/assets/timezone.js" defer></script>',
      ]);
  });

  it.each(['sign-in', 'dashboard', 'keys'])('is not on the practitioner’s %s page', (name) => {
    const page = practitionerPages[name] as string;
    expect(page).toContain('<main id="main">');
    expect(page).not.toContain('quick-exit');
    expect(page).not.toContain(QUICK_EXIT_URL);
  });

  it('has its script served from our own origin, replacing the history entry', async () => {
    const response = await get(QUICK_EXIT_SCRIPT);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const script = await response.text();
    expect(script).toContain(`var target = ${JSON.stringify(QUICK_EXIT_URL)};`);
    expect(script).toContain('window.location.replace(target)');
    expect(script).toContain('event.preventDefault()');
    expect(script).toContain("'Escape'");
  });
});

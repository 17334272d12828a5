import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriberIdFor } from '../../functions/domain/email-address';
import { type Harness, startHarness } from '../support/harness';
import {
  acceptPartnerInvitation,
  currentLinks,
  invite,
  type Member,
  reflectByQuestion,
  signUpAndConfirm,
} from '../support/partners';

/**
 * Two pairs side by side, formed over HTTP, and one person alone. Every token of one person is
 * tried on every pair route, tampered with, and turned on the other pair: a person only ever sees
 * their own side and what their own partner revealed, and nothing one pair does reaches the other.
 */

type Name = 'A1' | 'B1' | 'A2' | 'B2' | 'L';
const EMAIL: Record<Name, string> = {
  A1: 'iso.a1@example.com',
  B1: 'iso.b1@example.com',
  A2: 'iso.a2@example.com',
  B2: 'iso.b2@example.com',
  L: 'iso.lone@example.com',
};
const PARTNER: Partial<Record<Name, Name>> = { A1: 'B1', B1: 'A1', A2: 'B2', B2: 'A2' };

/** What each wrote: the first question shared by both, the second shared only by the A's. */
const SHARED = (who: Name) => `${who} shared this on the first question.`;
const SECOND = (who: Name) =>
  who.startsWith('A') ? `${who} shared this on the second.` : `${who} kept this to themselves.`;
const PRIVATE_ONLY = 'The lone reader wrote this, ticking the box that is not there.';

let h: Harness;
const people = {} as Record<Name, Member>;
const ids = {} as Record<Name, string>;
let questions: [string, string];

const get = (path: string) => fetch(new URL(path, h.url), { redirect: 'manual' });
const page = async (path: string) => {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  return response.text();
};
const together = (who: Name) => page(`${people[who].journal}/together`);

async function formPair(a: Name, b: Name): Promise<void> {
  people[a] = await signUpAndConfirm(h, EMAIL[a]);
  expect((await invite(h, people[a], EMAIL[b])).status).toBe(303);
  expect((await acceptPartnerInvitation(h, EMAIL[b])).status).toBe(200);
  await h.controls.dispatch();
  people[b] = await currentLinks(h, EMAIL[b]);
}

async function answer(who: Name, questionId: string, text: string, share: boolean) {
  const link = reflectByQuestion(people[who]).get(questionId) as string;
  const fields: Record<string, string> = { answer: text };
  if (share) fields.sharePartner = 'on';
  expect((await h.postForm(link, fields)).status).toBe(303);
}

/** Every text written, and by whom. */
function allTexts(): { who: Name; text: string }[] {
  const texts: { who: Name; text: string }[] = [{ who: 'L', text: PRIVATE_ONLY }];
  for (const who of ['A1', 'B1', 'A2', 'B2'] as const) {
    texts.push({ who, text: SHARED(who) }, { who, text: SECOND(who) });
  }
  return texts;
}

/** The items of pair 1: its pair item, and its members' enrollments and answers. */
async function pairOneItems() {
  const [enrollment] = await h.ctx.store.enrollments.listForSubscriber(ids.A1);
  const pk = `PAIR#${enrollment?.pairId}`;
  const members = [`SUB#${ids.A1}`, `SUB#${ids.B1}`];
  const items = (await h.tableItems()).filter(
    (item) =>
      item.PK === pk ||
      (members.includes(item.PK as string) && /^(ENR|ANS)#/.test(item.SK as string)),
  );
  expect(items.filter((item) => item.PK === pk)).toHaveLength(1);
  return items.sort((x, y) => `${x.PK}${x.SK}`.localeCompare(`${y.PK}${y.SK}`));
}

/** The path with its token's claims changed and its signature kept. */
function tamper(path: string, claim: 'p' | 's' | 'v' | 'e' | 'q', value: unknown): string {
  const [, kind, token, ...rest] = path.split('/');
  const [payload, signature] = (token as string).split('.') as [string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const forged = Buffer.from(JSON.stringify({ ...claims, [claim]: value })).toString('base64url');
  return ['', kind, `${forged}.${signature}`, ...rest].join('/');
}

const tokenOf = (path: string) => path.split('/').at(-1) as string;

beforeAll(async () => {
  h = await startHarness({ env: { SEND_RATE_PER_SECOND: '1000' } });
  for (const who of Object.keys(EMAIL) as Name[])
    ids[who] = subscriberIdFor(EMAIL[who], h.ctx.secret);
  await formPair('A1', 'B1');
  await formPair('A2', 'B2');
  people.L = await signUpAndConfirm(h, EMAIL.L);
  const shared = [...reflectByQuestion(people.A1).keys()].filter((q) =>
    ['A2', 'B1', 'B2', 'L'].every((who) => reflectByQuestion(people[who as Name]).has(q)),
  );
  expect(shared.length).toBeGreaterThanOrEqual(2);
  questions = [shared[0] as string, shared[1] as string];
  for (const who of ['A1', 'B1', 'A2', 'B2'] as const) {
    await answer(who, questions[0], SHARED(who), true);
    await answer(who, questions[1], SECOND(who), who.startsWith('A'));
  }
  await answer('L', questions[0], PRIVATE_ONLY, true);
});
afterAll(async () => {
  await h.stop();
});

describe('each person’s tokens show their own side, and only their own partner’s reveals', () => {
  it('on every page each of them can open', async () => {
    for (const viewer of Object.keys(EMAIL) as Name[]) {
      const person = people[viewer];
      const pages = {
        partner: person.partner,
        journal: person.journal,
        together: `${person.journal}/together`,
        export: `${person.journal}/export`,
        manage: person.manage,
        ...Object.fromEntries(person.reflect.map((link, i) => [`reflect ${i}`, link])),
      };
      for (const [kind, path] of Object.entries(pages)) {
        const shown = await page(path);
        for (const { who, text } of allTexts()) {
          const own = who === viewer;
          const revealed = kind === 'together' && who === PARTNER[viewer] && text === SHARED(who);
          if (!own && !revealed)
            expect(shown, `${viewer}'s ${kind} page: ${text}`).not.toContain(text);
          if (revealed) expect(shown, `${viewer}'s together page`).toContain(text);
        }
        for (const other of Object.keys(EMAIL) as Name[]) {
          if (other !== viewer) expect(shown, `${viewer}'s ${kind}`).not.toContain(EMAIL[other]);
        }
      }
    }
  });

  it('the reflect page offers "share with my partner" only to those in a pair', async () => {
    for (const viewer of Object.keys(EMAIL) as Name[]) {
      const shown = await page(people[viewer].reflect[0] as string);
      expect(shown.includes('Share this answer with my partner'), viewer).toBe(viewer !== 'L');
    }
  });
});

describe('tokens turned on another person', () => {
  const routes = (m: Member): { method: string; path: string; body?: Record<string, string> }[] => [
    { method: 'GET', path: m.partner },
    { method: 'POST', path: `${m.partner}/invite`, body: { email: 'someone@example.com' } },
    { method: 'POST', path: `${m.partner}/withdraw` },
    { method: 'POST', path: `${m.partner}/unpair` },
    { method: 'GET', path: m.journal },
    { method: 'GET', path: `${m.journal}/together` },
    { method: 'GET', path: `${m.journal}/export` },
    { method: 'GET', path: m.manage },
    { method: 'POST', path: m.manage, body: { action: 'pause' } },
    { method: 'GET', path: m.reflect[0] as string },
    {
      method: 'POST',
      path: m.reflect[0] as string,
      body: { answer: 'forged', sharePartner: 'on' },
    },
  ];

  const send = (method: string, path: string, body?: Record<string, string>) =>
    method === 'GET' ? get(path) : h.postForm(path, body);

  it('pair 2’s tokens with a claim swapped for pair 1’s open nothing, change nothing, never fail', async () => {
    const before = await h.tableItems();
    for (const attacker of ['A2', 'B2', 'L'] as const) {
      for (const { method, path, body } of routes(people[attacker])) {
        const forgeries = [
          tamper(path, 's', ids.A1),
          tamper(path, 's', ids.B1),
          tamper(path, 'v', 1),
          tamper(path, 'e', 'another-enrollment'),
          tamper(path, 'q', questions[1]),
          tamper(path, 'p', 'session'),
        ];
        for (const forged of forgeries) {
          const response = await send(method, forged, body);
          const text = await response.text();
          expect(response.status, `${method} ${forged}`).toBe(404);
          for (const who of ['A1', 'B1'] as const) {
            expect(text).not.toContain(SHARED(who));
            expect(text).not.toContain(SECOND(who));
          }
        }
      }
    }
    expect(await h.tableItems()).toEqual(before);
  });

  it('a token of one kind is not a token of another', async () => {
    const before = await h.tableItems();
    const a1 = people.A1;
    const tokens = {
      partner: tokenOf(a1.partner),
      journal: tokenOf(a1.journal),
      manage: tokenOf(a1.manage),
      reflect: tokenOf(a1.reflect[0] as string),
    };
    const uses: [keyof typeof tokens, string, (t: string) => string][] = [
      ['partner', 'GET', (t) => `/partner/${t}`],
      ['partner', 'POST', (t) => `/partner/${t}/invite`],
      ['partner', 'POST', (t) => `/partner/${t}/withdraw`],
      ['partner', 'POST', (t) => `/partner/${t}/unpair`],
      ['journal', 'GET', (t) => `/journal/${t}`],
      ['journal', 'GET', (t) => `/journal/${t}/together`],
      ['manage', 'GET', (t) => `/manage/${t}`],
      ['reflect', 'GET', (t) => `/reflect/${t}`],
    ];
    for (const [kind, token] of Object.entries(tokens)) {
      for (const [routeKind, method, path] of uses) {
        if (routeKind === kind) continue;
        const response = await send(method, path(token), { email: 'someone@example.com' });
        expect(response.status, `${kind} token on ${method} ${path('…')}`).toBe(404);
      }
    }
    expect(await h.tableItems()).toEqual(before);
  });
});

describe('someone in no pair', () => {
  it('sees nothing on the together page, and unpairing or withdrawing changes nothing', async () => {
    const shown = await page(`${people.L.journal}/together`);
    expect(shown).toContain('You are not taking the course with a partner right now');
    for (const { text } of allTexts()) expect(shown).not.toContain(text);
    const before = await h.tableItems();
    expect((await h.postForm(`${people.L.partner}/unpair`)).status).toBe(200);
    expect((await h.postForm(`${people.L.partner}/withdraw`)).status).toBe(303);
    expect(await h.tableItems()).toEqual(before);
    expect(await page(people.L.partner)).toContain('You are taking the course on your own');
  });
});

describe('nothing pair 2 does reaches pair 1', () => {
  const pairOneStillTogether = async () => {
    const a1 = await together('A1');
    const b1 = await together('B1');
    for (const shown of [a1, b1]) {
      expect(shown).toContain(SHARED('A1'));
      expect(shown).toContain(SHARED('B1'));
      for (const who of ['A2', 'B2'] as const) expect(shown).not.toContain(SHARED(who));
    }
    expect(a1).not.toContain(SECOND('B1'));
    expect(b1).not.toContain(SECOND('A1'));
    expect(await page(people.A1.partner)).toContain('You are taking the course with your partner');
    expect(await page(people.B1.partner)).toContain('You are taking the course with your partner');
  };

  it('pausing, resuming, unsharing, inviting while paired, then unpairing, twice', async () => {
    await pairOneStillTogether();
    const before = await pairOneItems();
    expect((await h.postForm(people.A2.manage, { action: 'pause' })).status).toBe(303);
    // Only the one who paused may resume: the other's resume leaves the pair paused.
    expect((await h.postForm(people.B2.manage, { action: 'resume' })).status).toBe(303);
    expect(await page(people.B2.partner)).toContain('Paused by your partner');
    expect((await h.postForm(people.A2.manage, { action: 'resume' })).status).toBe(303);
    await answer('B2', questions[0], 'B2 took this back.', false);
    expect(await together('A2')).not.toContain('B2 took this back.');
    await answer('B2', questions[0], SHARED('B2'), true);
    expect(await together('A2')).toContain(SHARED('B2'));
    expect((await invite(h, people.A2, EMAIL.B1)).status).toBe(409);
    expect((await h.postForm(`${people.A2.partner}/withdraw`)).status).toBe(303);
    expect(await pairOneItems()).toEqual(before);
    await pairOneStillTogether();

    expect((await h.postForm(`${people.A2.partner}/unpair`)).status).toBe(200);
    expect((await h.postForm(`${people.A2.partner}/unpair`)).status).toBe(200);
    expect((await h.postForm(`${people.B2.partner}/unpair`)).status).toBe(200);
    for (const who of ['A2', 'B2'] as const) {
      const shown = await together(who);
      for (const { text } of allTexts()) expect(shown).not.toContain(text);
    }
    expect(await pairOneItems()).toEqual(before);
    await pairOneStillTogether();
  });

  it('an invitation from pair 2 to a member of pair 1 cannot pull them out of it', async () => {
    // A new day, so that one invitation a day lets A2 invite again.
    await h.advanceHours(25);
    const before = await pairOneItems();
    expect((await invite(h, people.A2, EMAIL.B1, { note: 'Come with me instead.' })).status).toBe(
      303,
    );
    const accepted = await acceptPartnerInvitation(h, EMAIL.B1);
    expect(accepted.status).toBe(409);
    expect(await pairOneItems()).toEqual(before);
    await pairOneStillTogether();
    expect(await page(people.A2.partner)).toContain('has not been accepted yet');
  });
});

describe('a pair that ends and a new one that forms', () => {
  const save = async (member: Member, questionId: string, text: string) => {
    const link = reflectByQuestion(member).get(questionId) as string;
    expect((await h.postForm(link, { answer: text, sharePartner: 'on' })).status).toBe(303);
  };

  it('the new partner sees nothing that was shared in the earlier pair', async () => {
    const [first] = questions;
    const ada = await signUpAndConfirm(h, 'iso.ada@example.com');
    expect((await invite(h, ada, 'iso.ben@example.com')).status).toBe(303);
    expect((await acceptPartnerInvitation(h, 'iso.ben@example.com')).status).toBe(200);
    await h.controls.dispatch();
    const ben = await currentLinks(h, 'iso.ben@example.com');
    await save(ada, first, 'Ada shared this with Ben only.');
    await save(ben, first, 'Ben shared this with Ada only.');
    expect(await page(`${ada.journal}/together`)).toContain('Ben shared this with Ada only.');
    expect((await h.postForm(`${ben.partner}/unpair`)).status).toBe(200);

    // A day later Ada invites someone else, who accepts and shares an answer to the same question.
    await h.advanceHours(25);
    expect((await invite(h, ada, 'iso.cy@example.com')).status).toBe(303);
    expect((await acceptPartnerInvitation(h, 'iso.cy@example.com')).status).toBe(200);
    await h.controls.dispatch();
    const cy = await currentLinks(h, 'iso.cy@example.com');
    await save(cy, first, 'Cy shared this with Ada.');

    const cySees = await page(`${cy.journal}/together`);
    expect(cySees).toContain('Only questions you both answered');
    expect(cySees).not.toContain('Ada shared this with Ben only.');
    expect(await page(`${ada.journal}/together`)).not.toContain('Cy shared this with Ada.');
    // Ada's box is not ticked for Cy: her earlier choice was about Ben.
    const adaQuestion = await page(reflectByQuestion(ada).get(first) as string);
    expect(adaQuestion).toContain('Share this answer with my partner');
    expect(adaQuestion).not.toMatch(/name="sharePartner"[^>]*checked/);

    // Sharing it in this pair is Ada's choice to make: then both see both.
    await save(ada, first, 'Ada shares this with Cy.');
    const now = await page(`${cy.journal}/together`);
    expect(now).toContain('Ada shares this with Cy.');
    expect(now).toContain('Cy shared this with Ada.');
  });
});

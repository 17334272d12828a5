import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { subscriberIdFor } from '../../functions/domain/email-address';
import { type Harness, linksIn, pathOf, startHarness } from '../support/harness';
import { acceptInvitation, type PracticeClient, signInPractice } from '../support/practice';

let h: Harness;
const tokens: Record<'a' | 'b', string[]> = { a: [], b: [] };
let p: PracticeClient;
let q: PracticeClient;
const ROUTES = ['confirm', 'reflect', 'journal', 'manage', 'unsubscribe', 'partner'];
const SECRET_ANSWER = 'B wrote this and only B may read it.';

beforeAll(async () => {
  h = await startHarness();
  p = await signInPractice(h, 'p@practice-p.example');
  q = await signInPractice(h, 'q@practice-q.example');
  await p.post('/practice/clients', { name: 'Client A', email: 'a@example.com' });
  await q.post('/practice/clients', { name: 'Client B', email: 'b@example.com' });
  await acceptInvitation(h, 'a@example.com', 'yes');
  await acceptInvitation(h, 'b@example.com', 'yes');
  await runDispatch(h.ctx);
  for (const who of ['a', 'b'] as const) {
    const text = (await h.mailTo(`${who}@example.com`)).at(-1)?.text ?? '';
    for (const kind of ROUTES)
      tokens[who].push(...linksIn(text, kind).map((l) => l.split('/').at(-1) as string));
  }
  const [bQuestion] = linksIn((await h.mailTo('b@example.com')).at(-1)?.text ?? '', 'reflect');
  await h.postForm(pathOf(bQuestion as string), { answer: SECRET_ANSWER, share: 'on' });
});
afterAll(async () => {
  await h.stop();
});

/** A's token with its subject swapped for B's id: the signature no longer matches. */
function retarget(token: string, subject: string): string {
  const [payload, signature] = token.split('.') as [string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return `${Buffer.from(JSON.stringify({ ...claims, s: subject })).toString('base64url')}.${signature}`;
}

describe('nothing of one user can be reached with another’s tokens or ids', () => {
  it('A’s tokens, retargeted at B, open nothing and change nothing, on every route', async () => {
    const bId = subscriberIdFor('b@example.com', h.ctx.secret);
    const kinds = tokens.a.map(
      (token) => JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()).p,
    );
    expect(new Set(kinds)).toEqual(new Set(ROUTES.filter((route) => route !== 'confirm')));
    const before = await h.tableItems();
    for (const token of tokens.a) {
      const forged = retarget(token, bId);
      for (const route of ROUTES) {
        for (const suffix of ['', '/together', '/export']) {
          const get = await fetch(`${h.url}/${route}/${forged}${suffix}`);
          expect(get.status, `${route}${suffix} GET`).toBe(404);
          expect(await get.text()).not.toContain(SECRET_ANSWER);
        }
        for (const suffix of [
          '',
          '/export',
          '/delete',
          '/sign-out',
          '/invite',
          '/withdraw',
          '/unpair',
        ]) {
          const post = await h.postForm(`/${route}/${forged}${suffix}`, {
            answer: 'x',
            action: 'pause',
            email: 'c@example.com',
          });
          expect(post.status, `${route}${suffix} POST`).toBe(404);
        }
      }
    }
    expect(await h.tableItems()).toEqual(before);
  });

  it('a practice sees only its own clients, and the other’s client ids give 404', async () => {
    const aId = subscriberIdFor('a@example.com', h.ctx.secret);
    const bId = subscriberIdFor('b@example.com', h.ctx.secret);
    const pPage = await (await p.get('/practice')).text();
    expect(pPage).toContain('Client A');
    expect(pPage).not.toContain('Client B');
    expect(pPage).not.toContain(SECRET_ANSWER);
    const before = await h.tableItems();
    for (const action of ['pause', 'resume', 'end']) {
      expect((await p.post(`/practice/clients/${bId}`, { action })).status).toBe(404);
    }
    expect((await p.get(`/practice/clients/${bId}`)).status).toBe(404);
    expect((await q.get(`/practice/clients/${aId}`)).status).toBe(404);
    expect(await h.tableItems()).toEqual(before);
    const qDetail = await (await q.get(`/practice/clients/${bId}`)).text();
    expect(qDetail).toContain(SECRET_ANSWER);
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { firstLink, type Harness, linksIn, pathOf, startHarness } from '../support/harness';
import { acceptPartnerInvitation, currentLinks } from '../support/partners';
import { signInPractice } from '../support/practice';
import { seedActiveSubscriber } from '../support/seed';

/**
 * Random requests at every public route: random methods, paths, content types, bodies (JSON
 * of wrong shapes, huge strings, deep nesting, invalid UTF-8, `__proto__` keys) and real, mutated
 * and made-up tokens. Never a 5xx, never a stack trace, errors in the documented shape, and no
 * rejected request creates or changes an item. The target takes the course with a partner, and
 * part of the requests are what their own pages would send on the pair routes, with the real
 * token of the right kind.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

let h: Harness;
let realTokens: string[] = [];
let sessionCookie = '';

beforeAll(async () => {
  h = await startHarness({ env: { SEND_RATE_PER_SECOND: '1000' } });
  await seedActiveSubscriber(h.ctx, 'fuzz.target@example.com');
  await runDispatch(h.ctx);
  const text = (await h.mailTo('fuzz.target@example.com'))[0]?.text ?? '';
  // A partner too, who shares an answer as the target does: the pair routes then have a pair to
  // show, a together page with something on it, and a pair to end.
  const partnerPage = pathOf(firstLink(text, 'partner'));
  expect(
    (await h.postForm(`${partnerPage}/invite`, { email: 'fuzz.partner@example.com' })).status,
  ).toBe(303);
  expect((await acceptPartnerInvitation(h, 'fuzz.partner@example.com')).status).toBe(200);
  await runDispatch(h.ctx);
  const partner = await currentLinks(h, 'fuzz.partner@example.com');
  for (const path of [pathOf(firstLink(text, 'reflect')), partner.reflect[0] as string]) {
    expect((await h.postForm(path, { answer: 'Shared.', sharePartner: 'on' })).status).toBe(303);
  }
  const partnerText = (await h.mailTo('fuzz.partner@example.com')).at(-1)?.text ?? '';
  realTokens = ['reflect', 'journal', 'manage', 'unsubscribe', 'partner'].flatMap((kind) =>
    [text, partnerText].flatMap((mail) =>
      linksIn(mail, kind).map((link) => link.split('/').at(-1) as string),
    ),
  );
  expect(new Set(realTokens.map(purposeOf)).size).toBe(5);
  sessionCookie = (await signInPractice(h, 'fuzz@clinic.example')).cookie;
});
afterAll(async () => {
  await h.stop();
});

const purposeOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()).p as string;

const mutate = (token: string, at: number, char: string) =>
  token.length === 0
    ? char
    : `${token.slice(0, at % token.length)}${char}${token.slice((at % token.length) + 1)}`;

/** One of the real tokens, picked when a request is generated: they exist only after `beforeAll`. */
const realTokenArb = fc.nat().map((n) => realTokens[n % realTokens.length] as string);

const tokenArb = fc.oneof(
  fc.constantFrom(...['x', '', '.', '..', '%2e%2e', 'a.b.c', '__proto__']),
  fc.string({ maxLength: 80 }).map(encodeURIComponent),
  fc.tuple(realTokenArb, fc.nat()).map(([t, n]) => mutate(t, n, 'A')),
  realTokenArb,
);

const routes = [
  '/',
  '/subscribe',
  '/api/subscriptions',
  '/confirm/:t',
  '/reflect/:t',
  '/journal/:t',
  '/journal/:t/export',
  '/journal/:t/together',
  '/journal/:t/delete',
  '/manage/:t',
  '/manage/:t/sign-out',
  '/unsubscribe/:t',
  '/partner/:t',
  '/partner/:t/invite',
  '/partner/:t/withdraw',
  '/partner/:t/unpair',
  '/api/practitioners/login',
  '/login/:t',
  '/practice',
  '/practice/login',
  '/practice/logout',
  '/practice/clients',
  '/practice/clients/pair',
  '/practice/clients/:t',
  '/health',
  '/help',
  '/api/clients',
  '/api/clients/pairs',
  '/api/clients/:t',
  '/api/keys',
  '/nowhere/:t',
];

const deep = (depth: number): unknown => (depth === 0 ? 1 : { a: deep(depth - 1) });

/** The forms of the pair routes and of a reflect page with its "share with my partner" box. */
const pairFormArb = fc
  .record(
    {
      email: fc.constantFrom('fuzz.target@example.com', 'fuzz.partner@example.com', 'x@y', ''),
      name: fc.string({ maxLength: 60 }),
      note: fc.oneof(fc.string({ maxLength: 300 }), fc.constant('see evil.example')),
      answer: fc.string({ maxLength: 200 }),
      sharePartner: fc.constantFrom('on', 'off', '', 'on\u0000'),
    },
    { requiredKeys: [] },
  )
  .map((fields) => new URLSearchParams(fields).toString());

const bodyArb = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.anything().map((v) => {
    try {
      return JSON.stringify(v) ?? 'null';
    } catch {
      return '{}';
    }
  }),
  fc
    .record({ email: fc.string(), name: fc.string(), sendHour: fc.anything() })
    .map((v) => JSON.stringify(v)),
  fc.constant('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},"email":"a@b.co"}'),
  fc.nat({ max: 3000 }).map((n) => JSON.stringify(deep(n))),
  fc.nat({ max: 120_000 }).map((n) => 'x'.repeat(n)),
  fc
    .string({ maxLength: 200 })
    .map((s) => new URLSearchParams({ answer: s, email: s, action: s }).toString()),
  pairFormArb,
  fc
    .uint8Array({ maxLength: 200 })
    .map((bytes) => Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(bytes)])),
);

const anyRequestArb = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
  route: fc.constantFrom(...routes),
  token: tokenArb,
  contentType: fc.constantFrom(
    undefined,
    'application/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'text/plain',
    'text/csv',
    'application/json; charset=utf-16',
    '*/*;;;',
  ),
  origin: fc.constantFrom(undefined, 'same', 'https://evil.example'),
  cookie: fc.constantFrom(undefined, 'session', 'mend_session=garbage', 'mend_session='),
  body: bodyArb,
  query: fc.constantFrom('', '?saved=1', '?__proto__[x]=1', '?a=%E0%A4%A'),
});

/** What a person's own pages send on the pair routes: their real token of the right kind. */
const pairRoutes = [
  '/partner/:t',
  '/partner/:t/invite',
  '/partner/:t/withdraw',
  '/partner/:t/unpair',
  '/journal/:t/together',
  '/reflect/:t',
];
const pairRequestArb = fc
  .record({
    method: fc.constantFrom('GET', 'POST'),
    route: fc.constantFrom(...pairRoutes),
    pick: fc.nat(),
    contentType: fc.constantFrom(undefined, 'application/x-www-form-urlencoded', 'text/plain'),
    origin: fc.constantFrom(undefined, 'same', 'same', 'https://evil.example'),
    cookie: fc.constant(undefined),
    body: fc.oneof({ weight: 3, arbitrary: pairFormArb }, bodyArb),
    query: fc.constantFrom('', '?sent=1', '?saved=1'),
  })
  .map(({ pick, ...request }) => {
    const kind = request.route.split('/')[1];
    const fitting = realTokens.filter((token) => purposeOf(token) === kind);
    return { ...request, token: fitting[pick % fitting.length] ?? 'x' };
  });

const requestArb = fc.oneof(
  { weight: 4, arbitrary: anyRequestArb },
  { weight: 1, arbitrary: pairRequestArb },
);

describe('fuzzing every route', () => {
  it(`answers ${RUNS} random requests without a 5xx, a leak, or a stray write`, async () => {
    let snapshot = JSON.stringify(await h.tableItems());
    let count = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        count += 1;
        const path = r.route.replace(':t', r.token) + r.query;
        const headers: Record<string, string> = {};
        if (r.contentType) headers['content-type'] = r.contentType;
        if (r.origin) headers.origin = r.origin === 'same' ? h.url : r.origin;
        if (r.cookie) headers.cookie = r.cookie === 'session' ? sessionCookie : r.cookie;
        const hasBody = r.body !== undefined && !['GET', 'HEAD'].includes(r.method);
        let response: Response;
        try {
          response = await fetch(`${h.url}${path}`, {
            method: r.method,
            headers,
            redirect: 'manual',
            body: hasBody ? (r.body as string) : undefined,
          });
        } catch {
          return; // the URL itself was unusable by the client: nothing reached the server
        }
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, `${r.method} ${path}`).toBeLessThan(500);
        expect(text).not.toMatch(
          /\bat .+\.(ts|js):\d+|node_modules|Exception|TypeError|SyntaxError/,
        );
        if (response.status >= 400 && path.startsWith('/api/') && r.method !== 'HEAD') {
          const body = JSON.parse(text);
          expect(typeof body.error.code).toBe('string');
          expect(typeof body.error.message).toBe('string');
        }
        const now = JSON.stringify(await h.tableItems());
        if (response.status >= 400)
          expect(now, `${r.method} ${path} → ${response.status} changed the table`).toBe(snapshot);
        snapshot = now;
      }),
      { numRuns: RUNS, seed: 20_261_122, endOnFailure: true },
    );
    console.log(
      `fuzz: ${count} requests; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    expect(count).toBeGreaterThanOrEqual(RUNS);
  }, 600_000);
});

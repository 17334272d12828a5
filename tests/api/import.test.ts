import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENROLLMENTS_PER_HOUR } from '../../functions/services/enroll-client';
import type { ImportReport } from '../../functions/services/import-clients';
import { type Harness, startHarness } from '../support/harness';
import { type PracticeClient, signInPractice } from '../support/practice';

let h: Harness;
let ana: PracticeClient;
let key: string;

const HEADER = 'email,name,cadenceDays,startDate';

beforeAll(async () => {
  h = await startHarness();
  ana = await signInPractice(h, 'ana@clinic.example');
  const response = await fetch(new URL('/api/keys', h.url), {
    method: 'POST',
    headers: { cookie: ana.cookie, 'content-type': 'application/json' },
    body: '{}',
  });
  key = ((await response.json()) as { key: string }).key;
});
afterAll(async () => {
  await h.stop();
});

function importCsv(csv: string, contentType = 'text/csv; charset=utf-8') {
  return fetch(new URL('/api/clients/import', h.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
    body: csv,
  });
}

function rows(count: number, from = 0): string {
  return Array.from(
    { length: count },
    (_, n) => `client${from + n}@example.com,"Sam O'Neil Jr.",3,2026-12-01`,
  ).join('\r\n');
}

describe('POST /api/clients/import', () => {
  const csv = [
    HEADER,
    'ana.one@example.com,"Ana Lee",3,2026-12-01',
    'not-an-email,Bad Email,3,',
    'bo@example.com,"Bo ""the Bold""",99,01/12/2026',
    'cy@example.com,Cy,,',
    'too,many,fields,here,extra',
    'ANA.ONE@example.com,Ana Again,,',
  ].join('\n');

  it('reports each row: invited, rejected with reasons, already enrolled', async () => {
    const response = await importCsv(csv);
    expect(response.status).toBe(200);
    const report = (await response.json()) as ImportReport;
    expect(report.totals).toEqual({
      rows: 6,
      invited: 2,
      alreadyEnrolled: 1,
      rejected: 3,
    });
    expect(report.rows.map((r) => [r.row, r.outcome])).toEqual([
      [2, 'invited'],
      [3, 'rejected'],
      [4, 'rejected'],
      [5, 'invited'],
      [6, 'rejected'],
      [7, 'already-enrolled'],
    ]);
    expect(report.rows[1]?.errors).toHaveProperty('email');
    expect(Object.keys(report.rows[2]?.errors ?? {}).sort()).toEqual([
      'cadenceDays',
      'name',
      'startDate',
    ]);
    expect(report.rows[4]?.errors?.row).toContain('Expected 4 fields');
    const { clients } = (await (
      await fetch(new URL('/api/clients', h.url), { headers: { authorization: `Bearer ${key}` } })
    ).json()) as { clients: { name: string }[] };
    expect(clients.map((c) => c.name)).toEqual(['Ana Lee', 'Cy']);
  });

  it('duplicates no one when the same file is uploaded again', async () => {
    const before = (await h.outbox()).length;
    const report = (await (await importCsv(csv)).json()) as ImportReport;
    expect(report.totals).toMatchObject({ invited: 0, alreadyEnrolled: 3, rejected: 3 });
    expect((await h.outbox()).length).toBe(before);
  });

  it('refuses more than 1,000 rows, a wrong header and a wrong content type, enrolling no one', async () => {
    const before = (await h.outbox()).length;
    const big = await importCsv(`${HEADER}\n${rows(1001)}`);
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toContain(
      'at most 1000',
    );
    const header = await importCsv(`name,email\n${rows(2)}`);
    expect(header.status).toBe(400);
    expect((await importCsv(`${HEADER}\n${rows(1)}`, 'application/json')).status).toBe(415);
    expect((await h.outbox()).length).toBe(before);
  });

  it('takes a 1,000-row file above the usual 64 KB body limit', async () => {
    const body = `${HEADER}\n${rows(1000, 5000).replace(/ Jr\.",3,/g, ' Jr. of the Long Family Name",300,')}`;
    expect(body.length).toBeGreaterThan(64 * 1024);
    const response = await importCsv(body);
    expect(response.status).toBe(200);
    const report = (await response.json()) as ImportReport;
    // Every row has an out-of-range pace, so nothing is sent; the point is the size.
    expect(report.totals).toMatchObject({ rows: 1000, rejected: 1000 });
    const elsewhere = await h.postRaw('/api/subscriptions', 'application/json', body);
    expect(elsewhere.status).toBe(413);
  });
});

describe('the dashboard upload', () => {
  it('imports a file and answers with an HTML report streamed with progress', async () => {
    const form = new FormData();
    form.set(
      'file',
      new Blob([`${HEADER}\n${rows(30, 100)}\nbad,Bad,,\n`], { type: 'text/csv' }),
      'clients.csv',
    );
    const response = await fetch(new URL('/practice/clients/import', h.url), {
      method: 'POST',
      headers: { cookie: ana.cookie, origin: h.url },
      body: form,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const page = await response.text();
    expect(page).toContain('Processed 10 of 31');
    expect(page).toContain('Processed 31 of 31');
    expect(page).toContain('30 invited');
    expect(page).toContain('<td>client100@example.com</td><td>Invited</td>');
    expect(page).toMatch(/<td>32<\/td><td>bad<\/td><td>Rejected<\/td><td>email: /);
    expect(page).toContain('</html>');
  });

  it('refuses a cross-site upload and shows the form on the dashboard', async () => {
    const form = new FormData();
    form.set('file', new Blob([`${HEADER}\n${rows(1, 900)}`]), 'x.csv');
    const response = await fetch(new URL('/practice/clients/import', h.url), {
      method: 'POST',
      headers: { cookie: ana.cookie, origin: 'https://evil.example' },
      body: form,
    });
    expect(response.status).toBe(403);
    expect(await h.mailTo('client900@example.com')).toHaveLength(0);
    const dashboard = await (await ana.get('/practice')).text();
    expect(dashboard).toContain('action="/practice/clients/import"');
    expect(dashboard).toContain('enctype="multipart/form-data"');
  });
});

describe('the enrollment rate limit', () => {
  it(`allows ${ENROLLMENTS_PER_HOUR} enrollments per practice per hour, then answers 429`, async () => {
    // Start at the top of an hour, so the test cannot straddle two counting windows.
    h.clock.advanceTo(new Date(Math.ceil(h.clock.now().getTime() / 3_600_000) * 3_600_000 + 1_000));
    const olu = await signInPractice(h, 'olu@another.example');
    const oluPractice = (
      await Promise.all(
        (await h.ctx.store.practices.listIds()).map((id) => h.ctx.store.practices.get(id)),
      )
    ).find((p) => p?.email === 'olu@another.example');
    const practiceId = oluPractice?.practiceId as string;
    // Use up all but five of this hour's enrollments directly on the counter.
    const now = h.ctx.clock.now();
    for (let n = 0; n < ENROLLMENTS_PER_HOUR - 5; n += 1) {
      await h.ctx.store.rateLimits.hitPractice(practiceId, now, 3_600_000, ENROLLMENTS_PER_HOUR);
    }
    const form = new FormData();
    form.set('file', new Blob([`${HEADER}\n${rows(8, 2000)}`]), 'x.csv');
    const page = await (
      await fetch(new URL('/practice/clients/import', h.url), {
        method: 'POST',
        headers: { cookie: olu.cookie, origin: h.url },
        body: form,
      })
    ).text();
    expect(page).toContain('5 invited');
    expect(page).toContain('3 rejected');
    expect(page).toContain('at most 200 clients an hour');

    const single = await olu.post('/practice/clients', { email: 'late@example.com', name: 'Late' });
    expect(single.status).toBe(429);
    expect(await single.text()).toContain('at most 200 clients an hour');
    expect(await h.mailTo('late@example.com')).toHaveLength(0);
    // Over the limit nothing is looked up: a client already enrolled gets the same answer.
    const again = await olu.post('/practice/clients', {
      email: 'client2000@example.com',
      name: 'Client',
    });
    expect(again.status).toBe(429);
    // Another practice is unaffected; the next hour starts afresh.
    const other = await fetch(new URL('/api/clients', h.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'fresh@example.com', name: 'Fresh' }),
    });
    expect(other.status).toBe(201);
  });
});

describe('a large import', () => {
  it('enrolls 200 rows in one request that only writes, and the dispatcher sends the invitations at the send rate', {
    timeout: 60_000,
  }, async () => {
    const other = await signInPractice(h, 'big@practice.example');
    const made = await fetch(new URL('/api/keys', h.url), {
      method: 'POST',
      headers: { cookie: other.cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    const bigKey = ((await made.json()) as { key: string }).key;
    const sentBefore = (await h.outbox()).length;
    const requests: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    h.ctx.store.table.db.middlewareStack.add(
      (next, context) => async (args) => {
        requests.push(String(context.commandName));
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        try {
          return await next(args);
        } finally {
          inFlight -= 1;
        }
      },
      { step: 'initialize', name: 'countImportRequests' },
    );
    const response = await fetch(new URL('/api/clients/import', h.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${bigKey}`, 'content-type': 'text/csv' },
      body: [HEADER, rows(200, 5000)].join('\n'),
    });
    h.ctx.store.table.db.middlewareStack.remove('countImportRequests');
    expect(response.status).toBe(200);
    const report = (await response.json()) as ImportReport;
    expect(report.totals).toMatchObject({ rows: 200, invited: 200, rejected: 0 });
    expect(report.rows.map((row) => row.row)).toEqual(Array.from({ length: 200 }, (_, n) => n + 2));
    // The bound: no email is sent in the request, a handful of DynamoDB calls per row, several
    // rows at a time (docs/delivery.md turns this into time against the function's timeout).
    expect((await h.outbox()).length).toBe(sentBefore);
    expect(requests.length).toBeLessThanOrEqual(200 * 6 + 5);
    expect(mostInFlight).toBeGreaterThan(1);

    await h.controls.dispatch();
    const invitations = (await h.outbox()).filter((mail) =>
      /client5[01]\d\d@/.test(mail.to[0] ?? ''),
    );
    expect(invitations).toHaveLength(200);
    expect(new Set(invitations.map((mail) => mail.to[0])).size).toBe(200);
    await h.controls.dispatch();
    expect(
      (await h.outbox()).filter((mail) => /client5[01]\d\d@/.test(mail.to[0] ?? '')),
    ).toHaveLength(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../functions/domain/errors';
import type { Pair } from '../../functions/domain/pair';
import type { ServiceContext } from '../../functions/services/context';
import { enrollPair as enrollPairService } from '../../functions/services/enroll-pair';
import { pausePair, resumePair } from '../../functions/services/pair-actions';
import { firstLink, type Harness, startHarness } from '../support/harness';
import {
  acceptInvitation,
  callWithKey,
  createApiKey,
  type PracticeClient,
  signInPractice,
} from '../support/practice';

/**
 * A practitioner enrolls two new clients as a pair: each gets their own invitation and consents
 * on their own, the two are paired once both have, and the practice learns how the pair stands
 * and nothing of what the two share with each other.
 */
let h: Harness;
let ana: PracticeClient;
let anaKey: string;
let oluKey: string;

const AVERY = 'avery@example.com';
const BLAKE = 'blake@example.com';
let averyId: string;
let blakeId: string;
let pairId: string;
let anaPracticeId: string;

const FOR_PRACTICE = 'For my practitioner: I want to rebuild this.';
const FOR_PARTNER = 'Only for my partner: I still hear what you said that night.';

const api = (key: string, method: string, path: string, body?: unknown) =>
  callWithKey(h, key, method, path, body);

const enrollPair = (key: string, body: unknown) => api(key, 'POST', '/api/clients/pairs', body);

async function detail(key: string, clientId: string) {
  const response = await api(key, 'GET', `/api/clients/${clientId}`);
  const text = await response.text();
  return {
    status: response.status,
    text,
    body: response.status === 200 ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

const pairItems = async () =>
  (await h.tableItems()).filter((item) => String(item.PK).startsWith('PAIR#'));

async function thePair(): Promise<Pair> {
  const pair = await h.ctx.store.pairs.get(pairId);
  if (!pair) throw new Error('the pair is gone');
  return pair;
}

const enrollCount = async () =>
  (await h.tableItems())
    .filter((item) => String(item.SK).startsWith('ENROLLS#'))
    .reduce((sum, item) => sum + Number(item.hits), 0);

beforeAll(async () => {
  h = await startHarness();
  ana = await signInPractice(h, 'ana@clinic.example');
  anaKey = await createApiKey(h, ana);
  oluKey = await createApiKey(h, await signInPractice(h, 'olu@another.example'));
});
afterAll(async () => {
  await h.stop();
});

describe('POST /api/clients/pairs', () => {
  it('invites both, each on their own, and counts two enrollments', async () => {
    const counted = await enrollCount();
    const response = await enrollPair(anaKey, {
      clients: [
        { email: AVERY, name: 'Avery Stone' },
        { email: BLAKE, name: 'Blake Rivers' },
      ],
      cadenceDays: 2,
    });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { status: string; clientIds: string[] };
    expect(Object.keys(body).sort()).toEqual(['clientIds', 'status']);
    expect(body.status).toBe('invited');
    expect(body.clientIds).toHaveLength(2);
    [averyId, blakeId] = body.clientIds as [string, string];
    expect(averyId).not.toBe(blakeId);
    expect(await enrollCount()).toBe(counted + 2);

    const [item] = await pairItems();
    expect(await pairItems()).toHaveLength(1);
    pairId = String(item?.pairId);
    const pair = await thePair();
    expect(pair).toMatchObject({
      status: 'invited',
      accepted: [],
      plan: { stage: 0, cadenceDays: 2 },
      courseId: h.ctx.defaultCourseId,
    });
    anaPracticeId = pair.practiceId ?? '';
    expect(anaPracticeId).not.toBe('');
    expect(pair.members.map((m) => m.subscriberId)).toEqual([averyId, blakeId]);
    const enrollmentId = `${h.ctx.defaultCourseId}.${pair.practiceId}`;
    expect(pair.members.map((m) => m.enrollmentId)).toEqual([enrollmentId, enrollmentId]);
    expect(JSON.stringify(body)).not.toContain(pairId);

    // Each has a practice invitation of their own, carrying the pair, and lapsing with it.
    const signups = (await h.tableItems()).filter((item) => String(item.SK).startsWith('SIGNUP#'));
    expect(signups.map((s) => s.subscriberId).sort()).toEqual([averyId, blakeId].sort());
    for (const signup of signups) {
      expect(signup).toMatchObject({ pairId, invitation: { cadenceDays: 2 } });
      expect(signup.expiresAt).toBe(pair.expiresAt);
    }
    const week = (pair.expiresAt ?? 0) * 1000 - Date.parse(pair.createdAt);
    expect(Math.abs(week - 7 * 86_400_000)).toBeLessThan(1000);

    await h.controls.dispatch();
    for (const address of [AVERY, BLAKE]) {
      const mail = await h.mailTo(address);
      expect(mail).toHaveLength(1);
      expect(mail[0]?.subject).toContain('invited you');
      // One person's invitation says nothing of the other.
      expect(mail[0]?.text).not.toContain(address === AVERY ? 'Blake' : 'Avery');
      // Its page says, before anyone consents, that it is a pair, and what that shares.
      const consent = await (await fetch(firstLink(mail[0]?.text ?? '', 'confirm'))).text();
      expect(consent).toContain('take it as a pair');
      expect(consent).toContain('never sees what you share with each other');
      expect(consent).not.toContain(address === AVERY ? 'Blake' : 'Avery');
    }
  });

  it('shows both as waiting, and pairs neither until both accept', async () => {
    for (const id of [averyId, blakeId]) {
      expect((await detail(anaKey, id)).body).toMatchObject({
        client: { status: 'invited' },
        pair: { status: 'waiting' },
      });
    }

    expect((await acceptInvitation(h, AVERY, 'yes')).status).toBe(200);
    const waiting = await thePair();
    expect(waiting.status).toBe('invited');
    expect(waiting.accepted).toEqual([averyId]);
    const [avery] = await h.ctx.store.enrollments.listForSubscriber(averyId);
    expect(avery?.pairId).toBe(pairId);
    expect(await h.ctx.store.enrollments.listForSubscriber(blakeId)).toEqual([]);
    expect((await detail(anaKey, averyId)).body).toMatchObject({
      client: { status: 'active' },
      pair: { status: 'waiting' },
    });

    expect((await acceptInvitation(h, BLAKE, 'no')).status).toBe(200);
    const formed = await thePair();
    expect(formed.status).toBe('active');
    expect(formed.accepted.sort()).toEqual([averyId, blakeId].sort());
    expect(formed.expiresAt).toBeUndefined();
    const [blake] = await h.ctx.store.enrollments.listForSubscriber(blakeId);
    expect(blake?.pairId).toBe(pairId);
    for (const id of [averyId, blakeId]) {
      const { body, text } = await detail(anaKey, id);
      expect(body?.pair).toEqual({ status: 'together' });
      // Nothing of the other: not their id, not the pair's.
      expect(text).not.toContain(id === averyId ? blakeId : averyId);
      expect(text).not.toContain(pairId);
    }
  });

  it('shows the practice an answer shared with it, never one shared only with the partner', async () => {
    const [avery] = await h.ctx.store.enrollments.listForSubscriber(averyId);
    const [stage] = h.ctx.catalog.course(h.ctx.defaultCourseId).stages;
    const [first, second] = stage?.questions ?? [];
    if (!avery || !stage || !first || !second) throw new Error('no enrollment or questions');
    const now = h.ctx.clock.now();
    const base = { enrollmentId: avery.enrollmentId, stageId: stage.id };
    await h.ctx.store.answers.save(
      averyId,
      { ...base, questionId: first.id, text: FOR_PRACTICE, shared: true },
      now,
    );
    await h.ctx.store.answers.save(
      averyId,
      {
        ...base,
        questionId: second.id,
        text: FOR_PARTNER,
        shared: false,
        sharedWithPartner: true,
      },
      now,
    );

    const mine = await detail(anaKey, averyId);
    expect(mine.text).toContain(FOR_PRACTICE);
    expect(mine.text).not.toContain(FOR_PARTNER);
    expect(mine.text).not.toContain('what you said that night');
    expect(mine.body?.client).toMatchObject({ sharedAnswers: 1 });
    expect((await detail(anaKey, blakeId)).text).not.toContain('that night');
    const list = await (await api(anaKey, 'GET', '/api/clients')).text();
    expect(list).not.toContain('that night');

    const page = await (await ana.get(`/practice/clients/${averyId}`)).text();
    expect(page).toContain('Paired: together');
    expect(page).toContain(FOR_PRACTICE.slice(0, 20));
    expect(page).not.toContain('that night');
  });

  it('keeps the pair out of another practice’s sight: 404', async () => {
    for (const id of [averyId, blakeId]) {
      const other = await detail(oluKey, id);
      expect(other.status).toBe(404);
      expect(other.text).not.toMatch(/together|waiting|pair/i);
    }
  });

  it('follows the pair as it pauses, resumes and ends', async () => {
    await pausePair(h.ctx, await thePair(), averyId);
    for (const id of [averyId, blakeId]) {
      expect((await detail(anaKey, id)).body?.pair).toEqual({ status: 'paused' });
    }
    expect(await (await ana.get(`/practice/clients/${blakeId}`)).text()).toContain(
      'Paired: paused',
    );
    await resumePair(h.ctx, await thePair(), averyId);
    expect((await detail(anaKey, blakeId)).body?.pair).toEqual({ status: 'together' });

    // The pace is the pair's: re-pacing one client re-paces both, on one calendar.
    const repaced = await api(anaKey, 'PATCH', `/api/clients/${averyId}`, {
      action: 'pace',
      cadenceDays: 5,
    });
    expect(repaced.status).toBe(200);
    expect((await thePair()).plan.cadenceDays).toBe(5);
    for (const id of [averyId, blakeId]) {
      const enrollment = (await h.ctx.store.enrollments.listForSubscriber(id)).find(
        (e) => e.pairId === pairId,
      );
      expect(enrollment?.cadenceDays).toBe(5);
      expect((await h.ctx.store.clients.get(anaPracticeId, id))?.cadenceDays).toBe(5);
    }

    // Ending one client's enrollment ends the pair; the other is told only that it ended.
    expect((await api(anaKey, 'DELETE', `/api/clients/${averyId}`)).status).toBe(200);
    expect(await h.ctx.store.pairs.get(pairId)).toBeUndefined();
    for (const id of [averyId, blakeId]) {
      expect((await detail(anaKey, id)).body?.pair).toEqual({ status: 'ended' });
    }
    expect(await (await ana.get(`/practice/clients/${blakeId}`)).text()).toContain('Paired: ended');
  });

  it('refuses the same address twice (400, with the field), however it is written', async () => {
    const before = await h.tableItems();
    for (const second of ['casey@example.com', ' Casey@Example.COM ']) {
      const response = await enrollPair(anaKey, {
        clients: [
          { email: 'casey@example.com', name: 'Casey' },
          { email: second, name: 'Casey Again' },
        ],
      });
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as {
        error: { code: string; details: Record<string, string> };
      };
      expect(Object.keys(error.details)).toEqual(['clients.1.email']);
    }
    expect(await h.tableItems()).toEqual(before);
  });

  it('refuses bad input with field details, and not exactly two clients', async () => {
    const bad = await enrollPair(anaKey, {
      clients: [{ email: 'nope', name: 'Dana' }, { email: 'eli@example.com' }],
      cadenceDays: 99,
    });
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { details: Record<string, string> } };
    expect(Object.keys(error.details).sort()).toEqual([
      'cadenceDays',
      'clients.0.email',
      'clients.1.name',
    ]);
    for (const clients of [[{ email: 'dana@example.com', name: 'Dana' }], []]) {
      expect((await enrollPair(anaKey, { clients })).status).toBe(400);
    }
    const extra = await enrollPair(anaKey, {
      clients: [
        { email: 'dana@example.com', name: 'Dana' },
        { email: 'eli@example.com', name: 'Eli' },
      ],
      pairId: 'chosen-by-caller',
    });
    expect(extra.status).toBe(400);
  });

  it('refuses a client already in the practice (409), writing nothing for either', async () => {
    const single = await api(anaKey, 'POST', '/api/clients', {
      email: 'frankie@example.com',
      name: 'Frankie',
    });
    expect(single.status).toBe(201);
    const before = await h.tableItems();
    for (const clients of [
      [
        { email: 'gale@example.com', name: 'Gale' },
        { email: 'frankie@example.com', name: 'Frankie' },
      ],
      [
        { email: AVERY, name: 'Avery' },
        { email: 'gale@example.com', name: 'Gale' },
      ],
    ]) {
      const response = await enrollPair(anaKey, { clients });
      expect(response.status).toBe(409);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.message).toMatch(/already in your practice/);
    }
    expect((await h.tableItems()).length).toBe(before.length);
    expect(await h.tableItems()).toEqual(before);
  });

  it('takes everything back when a client is enrolled by someone else meanwhile', async () => {
    // Both lookups miss (as when a double submit races this one), then the second record exists.
    const practice = await h.ctx.store.practices.get(anaPracticeId);
    if (!practice) throw new Error('no practice');
    const clients = Object.assign(Object.create(h.ctx.store.clients), {
      get: async () => undefined,
    }) as typeof h.ctx.store.clients;
    const racing: ServiceContext = { ...h.ctx, store: { ...h.ctx.store, clients } };
    const notCounters = async () =>
      (await h.tableItems()).filter((item) => !String(item.SK).startsWith('ENROLLS#'));
    const before = await notCounters();
    await expect(
      enrollPairService(racing, practice, {
        clients: [
          { email: 'gale@example.com', name: 'Gale' },
          { email: 'frankie@example.com', name: 'Frankie' },
        ],
      }),
    ).rejects.toThrow(ConflictError);
    expect(await notCounters()).toEqual(before);
  });

  it('lets another practice enroll its own pair, invisible to the first', async () => {
    const response = await enrollPair(oluKey, {
      clients: [
        { email: 'hollis@example.com', name: 'Hollis' },
        { email: 'indy@example.com', name: 'Indy' },
      ],
    });
    expect(response.status).toBe(202);
    const { clientIds } = (await response.json()) as { clientIds: string[] };
    for (const id of clientIds) {
      expect((await detail(anaKey, id)).status).toBe(404);
      expect((await detail(oluKey, id)).body?.pair).toEqual({ status: 'waiting' });
    }
  });
});

describe('the dashboard’s pair form', () => {
  it('enrolls two clients as a pair and shows each as waiting', async () => {
    const response = await ana.post('/practice/clients/pair', {
      'pair-clients.0.name': 'Jordan Vale',
      'pair-clients.0.email': 'jordan@example.com',
      'pair-clients.1.name': 'Kit Marsh',
      'pair-clients.1.email': 'kit@example.com',
      'pair-cadenceDays': '3',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Invitations on their way to both');
    const { clients } = (await (await api(anaKey, 'GET', '/api/clients')).json()) as {
      clients: { clientId: string; email: string; cadenceDays: number }[];
    };
    const jordan = clients.find((client) => client.email === 'jordan@example.com');
    expect(jordan?.cadenceDays).toBe(3);
    const page = await (await ana.get(`/practice/clients/${jordan?.clientId}`)).text();
    expect(page).toContain('Paired: waiting for both to accept');
  });

  it('shows the form again with what needs attention', async () => {
    const same = await ana.post('/practice/clients/pair', {
      'pair-clients.0.name': 'Lee',
      'pair-clients.0.email': 'lee@example.com',
      'pair-clients.1.name': 'Lee Too',
      'pair-clients.1.email': 'LEE@example.com',
    });
    expect(same.status).toBe(400);
    const sameText = await same.text();
    expect(sameText).toContain('href="#pair-clients.1.email"');
    expect(sameText).toContain('value="Lee Too"');

    const missing = await ana.post('/practice/clients/pair', {
      'pair-clients.0.email': 'lee@example.com',
    });
    expect(missing.status).toBe(400);
    const missingText = await missing.text();
    for (const field of ['clients.0.name', 'clients.1.name', 'clients.1.email']) {
      expect(missingText).toContain(`href="#pair-${field}"`);
    }

    const taken = await ana.post('/practice/clients/pair', {
      'pair-clients.0.name': 'Jordan',
      'pair-clients.0.email': 'jordan@example.com',
      'pair-clients.1.name': 'Morgan',
      'pair-clients.1.email': 'morgan@example.com',
    });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('The first client is already in your practice');
  });
});

describe('a pair nobody completes', () => {
  it('lapses with the invitations, after seven days', async () => {
    const response = await enrollPair(anaKey, {
      clients: [
        { email: 'nico@example.com', name: 'Nico' },
        { email: 'ola@example.com', name: 'Ola' },
      ],
    });
    const { clientIds } = (await response.json()) as { clientIds: [string, string] };
    await h.advanceHours(6 * 24);
    expect((await detail(anaKey, clientIds[0])).body?.pair).toEqual({ status: 'waiting' });
    await h.advanceHours(24 + 1);
    expect((await detail(anaKey, clientIds[0])).body?.pair).toEqual({ status: 'ended' });
    expect((await acceptInvitation(h, 'nico@example.com', 'yes')).status).toBeGreaterThanOrEqual(
      400,
    );
    expect(await h.ctx.store.enrollments.listForSubscriber(clientIds[0])).toEqual([]);
  });
});

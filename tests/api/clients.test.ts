import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { type Harness, linksIn, pathOf, startHarness } from '../support/harness';
import { acceptInvitation, callWithKey, signInPractice } from '../support/practice';

let h: Harness;
let anaKey: string;
let oluKey: string;
let anaCookie: string;
let clientId: string;
const CLIENT = 'rowan@example.com';
const SHARED = 'What I can say: I felt unseen.';
const PRIVATE = 'Only for me: I am still angry.';

const api = (key: string, method: string, path: string, body?: unknown) =>
  callWithKey(h, key, method, path, body);

async function keyFor(email: string): Promise<string> {
  const practice = await signInPractice(h, email);
  if (email.startsWith('ana')) anaCookie = practice.cookie;
  const response = await fetch(new URL('/api/keys', h.url), {
    method: 'POST',
    headers: { cookie: practice.cookie, 'content-type': 'application/json' },
    body: '{}',
  });
  return ((await response.json()) as { key: string }).key;
}

beforeAll(async () => {
  h = await startHarness();
  anaKey = await keyFor('ana@clinic.example');
  oluKey = await keyFor('olu@another.example');
});
afterAll(async () => {
  await h.stop();
});

describe('/api/clients with an API key', () => {
  it('enrolls a client (201), and a repeat adds no one (200)', async () => {
    const created = await api(anaKey, 'POST', '/api/clients', {
      email: CLIENT,
      name: 'Rowan Lee',
      cadenceDays: 2,
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { clientId: string; outcome: string };
    expect(body.outcome).toBe('invited');
    clientId = body.clientId;
    const again = await api(anaKey, 'POST', '/api/clients', { email: CLIENT, name: 'Rowan' });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ clientId, outcome: 'already-enrolled' });
    await h.controls.dispatch();
    expect(await h.mailTo(CLIENT)).toHaveLength(1);
  });

  it('rejects bad input with field details, and non-JSON with 415', async () => {
    const bad = await api(anaKey, 'POST', '/api/clients', { email: 'nope', cadenceDays: 99 });
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { details: Record<string, string> } };
    expect(Object.keys(error.details).sort()).toEqual(['cadenceDays', 'email', 'name']);
    const form = await fetch(new URL('/api/clients', h.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${anaKey}`, 'content-type': 'text/plain' },
      body: 'email=x',
    });
    expect(form.status).toBe(415);
  });

  it('lists the practice’s clients with progress and status', async () => {
    const response = await api(anaKey, 'GET', '/api/clients');
    const { clients } = (await response.json()) as { clients: Record<string, unknown>[] };
    expect(clients).toHaveLength(1);
    expect(clients[0]).toMatchObject({
      clientId,
      name: 'Rowan Lee',
      email: CLIENT,
      status: 'invited',
      stagesSent: 0,
      sharedAnswers: 0,
      cadenceDays: 2,
    });
  });

  it('shows only shared answers, never the unshared one, in any response', async () => {
    expect((await acceptInvitation(h, CLIENT, 'no')).status).toBe(200);
    await runDispatch(h.ctx);
    const welcome = (await h.mailTo(CLIENT)).at(-1);
    const [first, second] = linksIn(welcome?.text ?? '', 'reflect') as [string, string];
    expect((await h.postForm(pathOf(first), { answer: SHARED, share: 'on' })).status).toBeLessThan(
      400,
    );
    expect((await h.postForm(pathOf(second), { answer: PRIVATE })).status).toBeLessThan(400);

    const detail = await api(anaKey, 'GET', `/api/clients/${clientId}`);
    expect(detail.status).toBe(200);
    const text = await detail.text();
    expect(text).toContain(SHARED);
    expect(text).not.toContain(PRIVATE);
    expect(text).not.toContain('still angry');
    const body = JSON.parse(text) as {
      client: { status: string; sharedAnswers: number; stagesSent: number };
      stages: { answers: { text: string }[] }[];
    };
    expect(body.client).toMatchObject({ status: 'active', sharedAnswers: 1, stagesSent: 1 });
    expect(body.stages.flatMap((s) => s.answers.map((a) => a.text))).toEqual([SHARED]);

    const list = await (await api(anaKey, 'GET', '/api/clients')).text();
    expect(list).not.toContain('still angry');
    const paused = await (
      await api(anaKey, 'PATCH', `/api/clients/${clientId}`, { action: 'pause' })
    ).text();
    expect(paused).not.toContain('still angry');
  });

  it('keeps another practice out: 404 on GET, PATCH and DELETE, and an empty list', async () => {
    expect((await api(oluKey, 'GET', `/api/clients/${clientId}`)).status).toBe(404);
    expect(
      (await api(oluKey, 'PATCH', `/api/clients/${clientId}`, { action: 'resume' })).status,
    ).toBe(404);
    expect((await api(oluKey, 'DELETE', `/api/clients/${clientId}`)).status).toBe(404);
    const { clients } = (await (await api(oluKey, 'GET', '/api/clients')).json()) as {
      clients: unknown[];
    };
    expect(clients).toEqual([]);
    const enrollments = await h.ctx.store.enrollments.listForSubscriber(clientId);
    expect(enrollments[0]?.status).toBe('paused');
  });

  it('resumes, re-paces and ends by API; ending tells the client', async () => {
    const resumed = await api(anaKey, 'PATCH', `/api/clients/${clientId}`, { action: 'resume' });
    expect(resumed.status).toBe(200);
    expect(((await resumed.json()) as { status: string }).status).toBe('active');
    const paced = await api(anaKey, 'PATCH', `/api/clients/${clientId}`, {
      action: 'pace',
      cadenceDays: 5,
    });
    expect(((await paced.json()) as { cadenceDays: number }).cadenceDays).toBe(5);
    expect((await api(anaKey, 'PATCH', `/api/clients/${clientId}`, { action: 'end' })).status).toBe(
      400,
    );
    expect(
      (await api(anaKey, 'PATCH', `/api/clients/${clientId}`, { action: 'pace' })).status,
    ).toBe(400);
    const ended = await api(anaKey, 'DELETE', `/api/clients/${clientId}`);
    expect(ended.status).toBe(200);
    expect(((await ended.json()) as { status: string }).status).toBe('ended');
    expect((await h.mailTo(CLIENT)).at(-1)?.subject).toBe('Your Mend course has been ended');
    expect((await api(anaKey, 'DELETE', `/api/clients/${clientId}`)).status).toBe(409);
    expect((await api(anaKey, 'GET', '/api/clients/unknown-id')).status).toBe(404);
  });

  it('accepts the session cookie as well as a key', async () => {
    const response = await fetch(new URL('/api/clients', h.url), {
      headers: { cookie: anaCookie },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { clients: unknown[] }).clients).toHaveLength(1);
  });
});

describe('GET /api/openapi.json', () => {
  it('describes every /api route in an OpenAPI 3 document generated from the schemas', async () => {
    const response = await fetch(new URL('/api/openapi.json', h.url));
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<string, { schema: { properties?: Record<string, unknown> } }>;
            };
          }
        >
      >;
    };
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'POST /api/subscriptions',
        'POST /api/practitioners/login',
        'POST /api/keys',
        'GET /api/keys',
        'DELETE /api/keys/{id}',
        'POST /api/clients',
        'POST /api/clients/pairs',
        'GET /api/clients',
        'POST /api/clients/import',
        'GET /api/clients/{id}',
        'PATCH /api/clients/{id}',
        'DELETE /api/clients/{id}',
      ].sort(),
    );
    const enroll = doc.paths['/api/clients']?.post?.requestBody?.content['application/json'];
    expect(Object.keys(enroll?.schema.properties ?? {})).toEqual(
      expect.arrayContaining(['email', 'name', 'cadenceDays', 'startDate']),
    );
    expect(doc.paths['/api/clients/import']?.post?.requestBody?.content).toHaveProperty('text/csv');
  });

  it('keeps each route’s security, the bodies’ defaults and the fields’ descriptions', async () => {
    const doc = (await (await fetch(new URL('/api/openapi.json', h.url))).json()) as object;
    const json = (schema: object) => ({ content: { 'application/json': { schema } } });
    const errorBody = { type: 'object', required: ['error'] };
    expect(doc).toMatchObject({
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'mend_session' },
        },
      },
      paths: {
        '/api/subscriptions': {
          post: {
            security: [],
            requestBody: {
              required: true,
              ...json({
                required: ['email'],
                additionalProperties: false,
                properties: {
                  perspective: { default: 'mutual' },
                  timezone: { type: 'string', default: 'UTC' },
                  sendHour: { type: 'integer', minimum: 0, maximum: 23, default: 8 },
                },
              }),
            },
            responses: { 202: json({ properties: { status: { enum: ['pending'] } } }) },
          },
        },
        '/api/keys': {
          post: {
            security: [{ session: [] }],
            requestBody: {
              required: false,
              ...json({
                additionalProperties: false,
                properties: {
                  name: { type: 'string', maxLength: 60 },
                  expiresInDays: { type: 'integer', minimum: 1, maximum: 365 },
                },
              }),
            },
            responses: {
              201: json({ required: ['id', 'prefix', 'createdAt', 'key'] }),
              401: json(errorBody),
            },
          },
        },
        '/api/clients/{id}': {
          get: {
            security: [{ apiKey: [] }, { session: [] }],
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: {
              200: json({
                properties: {
                  stages: {
                    type: 'array',
                    description: 'Only the answers the client chose to share, by stage.',
                  },
                },
              }),
              404: json(errorBody),
            },
          },
          patch: { requestBody: json({ oneOf: [{}, {}, {}] }) },
        },
      },
    });
  });

  it('describes enrolling a pair, and a pair’s status on a client, and nothing more of it', async () => {
    const doc = (await (await fetch(new URL('/api/openapi.json', h.url))).json()) as object;
    const json = (schema: object) => ({ content: { 'application/json': { schema } } });
    const errorBody = { type: 'object', required: ['error'] };
    const person = { required: ['email', 'name'], additionalProperties: false };
    expect(doc).toMatchObject({
      paths: {
        '/api/clients/pairs': {
          post: {
            security: [{ apiKey: [] }, { session: [] }],
            requestBody: {
              required: true,
              ...json({
                required: ['clients'],
                additionalProperties: false,
                properties: {
                  clients: {
                    type: 'array',
                    minItems: 2,
                    maxItems: 2,
                    items: { anyOf: [person, person] },
                  },
                  cadenceDays: { type: 'integer', minimum: 1 },
                  paceByAnswers: { type: 'boolean' },
                  startDate: { type: 'string', format: 'date' },
                },
              }),
            },
            responses: {
              202: json({
                required: ['status', 'clientIds'],
                properties: {
                  status: { enum: ['invited'] },
                  clientIds: { type: 'array', minItems: 2, maxItems: 2 },
                },
              }),
              400: json(errorBody),
              401: json(errorBody),
              409: json(errorBody),
              429: json(errorBody),
            },
          },
        },
        '/api/clients/{id}': {
          get: {
            responses: {
              200: json({
                properties: {
                  pair: {
                    properties: {
                      status: { enum: ['waiting', 'together', 'paused', 'ended'] },
                    },
                    required: ['status'],
                  },
                },
              }),
            },
          },
        },
      },
    });
    const pair = (
      doc as {
        paths: Record<string, { get: { responses: Record<string, unknown> } }>;
      }
    ).paths['/api/clients/{id}']?.get.responses[200] as {
      content: { 'application/json': { schema: { properties: { pair: object } } } };
    };
    // The other client, their answers, and the pair's own id are not part of it.
    expect(
      Object.keys(
        (pair.content['application/json'].schema.properties.pair as { properties: object })
          .properties,
      ),
    ).toEqual(['status']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLambda } from './lambda-process';
import { type LambdaWorld, linkPath, REGION, startLambdaWorld } from './lambda-world';

/**
 * The api bundle, built as the CDK builds it, in a process of its own with only the environment
 * the synthesized template gives it, invoked with API Gateway HTTP API (payload 2.0) events.
 */
let world: LambdaWorld;
beforeAll(async () => {
  world = await startLambdaWorld(['Api']);
}, 120_000);
afterAll(async () => {
  await world?.stop();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = () => ({
  'content-type': 'application/x-www-form-urlencoded',
  origin: world.deployed.apiEndpoint,
});

describe('the api bundle run as Lambda runs it', () => {
  it('reads its signing secret from Secrets Manager once, at init, signed with the role credentials', () => {
    expect(world.secrets.calls).toHaveLength(1);
    const [call] = world.secrets.calls;
    expect(call?.target).toBe('secretsmanager.GetSecretValue');
    expect(call?.secretId).toBe(world.deployed.secretArn);
    expect(call?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIALAMBDATESTKEY000\/\d{8}\/eu-west-1\/secretsmanager\/aws4_request/,
    );
  });

  it('answers a GET page with HTML and the security headers', async () => {
    const response = await world.http({ method: 'GET', path: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.isBase64Encoded).toBe(false);
    expect(response.body).toContain('<form');
  });

  it('answers a HEAD with the headers and no body', async () => {
    const response = await world.http({ method: 'HEAD', path: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toBe('');
  });

  it('reads the query from rawQueryString', async () => {
    const plain = await world.http({ method: 'GET', path: '/practice/login' });
    const sent = await world.http({ method: 'GET', path: '/practice/login?sent=1' });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).not.toContain('a sign-in link is on its way');
    expect(sent.body).toContain('a sign-in link is on its way');
  });

  it('takes a JSON POST and sends the confirmation through SES', async () => {
    const response = await world.http({
      method: 'POST',
      path: '/api/subscriptions',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'json.reader@example.com', timezone: 'Europe/Paris' }),
    });
    expect(response.statusCode).toBe(202);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(response.body)).toEqual({ status: 'pending' });
    const [email] = await world.mailTo('json.reader@example.com');
    expect(email?.from).toBe('Mend <course@mend.example.org>');
    expect(linkPath(email, 'confirm')).toMatch(/^\/confirm\//);
    expect(email?.text).toContain(world.deployed.apiEndpoint);
  });

  it('takes a form POST whose body API Gateway base64-encoded, with cookies on the request', async () => {
    const response = await world.http({
      method: 'POST',
      path: '/subscribe',
      headers: formHeaders(),
      cookies: ['theme=calm', 'seen=1'],
      body: form({ email: 'form.reader@example.com', perspective: 'hurt', sendHour: '7' }),
      base64: true,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/subscribe/check-inbox');
    expect(await world.mailTo('form.reader@example.com')).toHaveLength(1);
  });

  it('refuses a form POST from another site (CSRF) without storing or sending anything', async () => {
    const response = await world.http({
      method: 'POST',
      path: '/subscribe',
      headers: { ...formHeaders(), origin: 'https://evil.example' },
      body: form({ email: 'csrf.victim@example.com' }),
      base64: true,
    });
    expect(response.statusCode).toBe(403);
    expect(await world.mailTo('csrf.victim@example.com')).toEqual([]);
  });

  it('refuses a body over 64 KB with 413, as JSON under /api and as a page elsewhere', async () => {
    const big = 'x'.repeat(70 * 1024);
    const json = await world.http({
      method: 'POST',
      path: '/api/subscriptions',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'big@example.com', name: big }),
    });
    expect(json.statusCode).toBe(413);
    expect(JSON.parse(json.body)).toMatchObject({ error: { code: expect.any(String) } });
    const page = await world.http({
      method: 'POST',
      path: '/subscribe',
      headers: formHeaders(),
      body: form({ email: 'big@example.com', name: big }),
      base64: true,
    });
    expect(page.statusCode).toBe(413);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(await world.mailTo('big@example.com')).toEqual([]);
  });

  it('signs a practitioner in: the session cookie comes back in `cookies`, and opens the dashboard', async () => {
    const requested = await world.http({
      method: 'POST',
      path: '/api/practitioners/login',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'therapist@example.com' }),
    });
    expect(requested.statusCode).toBe(202);
    const login = linkPath((await world.mailTo('therapist@example.com'))[0], 'login');

    const shown = await world.http({ method: 'GET', path: login });
    expect(shown.statusCode).toBe(200);
    expect(shown.cookies ?? []).toEqual([]);

    const used = await world.http({ method: 'POST', path: login, headers: formHeaders() });
    expect(used.statusCode).toBe(303);
    expect(used.headers.location).toBe('/practice');
    expect(used.headers['set-cookie']).toBeUndefined();
    const [cookie] = used.cookies ?? [];
    // `__Host-`: only from a secure origin, for the whole site, and no other host can set it.
    expect(cookie).toMatch(/^__Host-mend_session=[^;]+;/);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).not.toMatch(/; Domain=/i);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Lax/);

    const dashboard = await world.http({
      method: 'GET',
      path: '/practice',
      cookies: [String(cookie?.split(';')[0])],
    });
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('therapist@example.com');
  });

  it('logs structured lines without addresses or tokens', () => {
    const logs = world.lambdas.Api?.logs.join('') ?? '';
    expect(logs).not.toContain('json.reader@example.com');
    expect(logs).not.toContain(world.secretValue);
  });

  it('fails at init, naming the variable, when the stack forgets one the code needs', async () => {
    const spec = world.specs.Api;
    const { TABLE_NAME: _forgotten, ...environment } = spec.environment;
    const started = startLambda(
      { ...spec, environment },
      String(world.bundles.Api),
      REGION,
      world.endpoints,
    );
    await expect(started).rejects.toThrow(/TABLE_NAME/);
  });
});

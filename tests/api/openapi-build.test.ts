import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentedRoutes } from '../../functions/app/api-docs';
import { apiGroup } from '../../functions/app/api-group';
import { MailTiming } from '../../functions/app/mail-timing';
import { openApiDocument } from '../../functions/app/openapi';
import { sessionCookie } from '../../functions/app/session-cookie';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('the OpenAPI document written at build time', () => {
  it('is exactly what the running API’s routes describe, with this deployment’s address', async () => {
    const served = await (await fetch(new URL('/api/openapi.json', h.url))).json();
    const cookie = sessionCookie(h.ctx.practice.secureCookies).name;
    const live = openApiDocument(
      h.url,
      '/api',
      documentedRoutes(apiGroup(h.ctx, h.url, new MailTiming())),
      cookie,
    );
    expect(served).toEqual(JSON.parse(JSON.stringify(live)));
    expect(served.servers).toEqual([{ url: h.url }]);
    expect(served.components.securitySchemes.session.name).toBe(cookie);
  });
});

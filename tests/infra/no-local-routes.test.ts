import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app/create-app';
import { bundledCatalog } from '../../functions/courses/bundled-catalog';
import { systemClock } from '../../functions/domain/clock';
import { Links } from '../../functions/domain/links';
import { silentLogger } from '../../functions/log';
import type { Mailer } from '../../functions/mail/mailer';
import type { ServiceContext } from '../../functions/services/context';
import { createStore } from '../../functions/store';
import { createDocumentClient } from '../../functions/store/dynamo-client';

const baseUrl = 'https://course.mend.example.org';
const secret = 'test-signing-secret-that-is-long-enough-000000';

/** The context `functions/handlers/api.ts` builds, minus AWS: nothing here may be reached. */
function unreachableContext(): ServiceContext {
  const db = createDocumentClient({
    region: 'eu-west-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'none', secretAccessKey: 'none' },
  });
  const catalog = bundledCatalog();
  const mailer: Mailer = {
    send() {
      throw new Error('no mail may be sent by this test');
    },
  };
  return {
    store: createStore({ db, tableName: 'unreachable' }),
    mailer,
    catalog,
    clock: systemClock,
    links: new Links(baseUrl, secret),
    secret,
    mail: {
      postalAddress: 'Mend, 1 Example Street, Exampleton',
      helpUrl: 'https://mend.example/help',
    },
    defaultCourseId: catalog.ids()[0] ?? 'repair-reconnect',
    practice: { allowlist: [], secureCookies: true },
    log: silentLogger,
  };
}

describe('the Lambda app (created as the api handler creates it, without `local`)', () => {
  const app = createApp(unreachableContext(), { baseUrl });

  it.each([
    ['GET', '/_local/outbox'],
    ['GET', '/_local/outbox/view'],
    ['GET', '/_local/outbox/some-id'],
    ['POST', '/_local/clock'],
    ['POST', '/_local/dispatch'],
    ['POST', '/_local/ses-event'],
  ])('answers 404 to %s %s', async (method, path) => {
    const response = await app.request(`${baseUrl}${path}`, {
      method,
      headers: { origin: baseUrl, 'content-type': 'application/json' },
      ...(method === 'POST' && { body: '{}' }),
    });
    expect(response.status).toBe(404);
  });

  it('still serves its public pages (the 404s are not a broken app)', async () => {
    const response = await app.request(`${baseUrl}/`);
    expect(response.status).toBe(200);
  });
});

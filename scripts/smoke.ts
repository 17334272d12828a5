import { parseArgs } from 'node:util';
import { z } from 'zod';

/**
 * Checks a deployed Mend from the outside, as a first visitor would meet it:
 * `npm run smoke -- --url https://course.example.org [--email you@example.com]`.
 * Prints one line per check and exits non-zero if any failed.
 */
const USAGE = `Usage: npm run smoke -- --url <https://your-site> [--email <address to sign up>]

Checks: /health, the sign-up page, the security headers, the OpenAPI document, and (with
--email) a sign-up whose confirmation email should then arrive at that address.`;

interface Check {
  name: string;
  run(): Promise<string | undefined>;
}

class CheckFailedError extends Error {
  override name = 'CheckFailedError';
}

function expectThat(condition: boolean, problem: string): void {
  if (!condition) throw new CheckFailedError(problem);
}

const REQUIRED_HEADERS = [
  'content-security-policy',
  'x-content-type-options',
  'referrer-policy',
  'x-frame-options',
];

function checks(base: URL, email?: string): Check[] {
  const at = (path: string) => new URL(path, base);
  const get = (path: string) => fetch(at(path), { redirect: 'manual' });
  const list: Check[] = [
    {
      name: 'GET /health answers 200',
      run: async () => {
        const response = await get('/health');
        expectThat(response.status === 200, `status ${response.status}`);
        const body = z.object({ status: z.literal('ok') }).safeParse(await response.json());
        expectThat(body.success, 'the body is not {"status":"ok"}');
        return undefined;
      },
    },
    {
      name: 'GET / shows the sign-up page',
      run: async () => {
        const response = await get('/');
        expectThat(response.status === 200, `status ${response.status}`);
        expectThat(
          (response.headers.get('content-type') ?? '').startsWith('text/html'),
          `content-type ${response.headers.get('content-type')}`,
        );
        const html = await response.text();
        expectThat(/<form[^>]+action="\/subscribe"/.test(html), 'no sign-up form on the page');
        return undefined;
      },
    },
    {
      name: 'security headers are set',
      run: async () => {
        const response = await get('/');
        const missing = REQUIRED_HEADERS.filter((header) => !response.headers.has(header));
        if (base.protocol === 'https:' && !response.headers.has('strict-transport-security')) {
          missing.push('strict-transport-security');
        }
        expectThat(missing.length === 0, `missing ${missing.join(', ')}`);
        return response.headers.get('content-security-policy') ?? undefined;
      },
    },
    {
      name: 'GET /api/openapi.json is an OpenAPI 3 document',
      run: async () => {
        const response = await get('/api/openapi.json');
        expectThat(response.status === 200, `status ${response.status}`);
        const document = z
          .object({
            openapi: z.string().startsWith('3.'),
            paths: z.record(z.string(), z.unknown()),
          })
          .safeParse(await response.json());
        expectThat(document.success, 'not an OpenAPI 3 document');
        return `${Object.keys(document.data?.paths ?? {}).length} paths`;
      },
    },
    {
      name: 'an unknown address answers 404, not a server error',
      run: async () => {
        const response = await get('/no-such-page-smoke-check');
        expectThat(response.status === 404, `status ${response.status}`);
        return undefined;
      },
    },
  ];
  if (email) {
    list.push({
      name: `POST /api/subscriptions for ${email} is accepted`,
      run: async () => {
        const response = await fetch(at('/api/subscriptions'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email }),
        });
        expectThat(response.status === 202, `status ${response.status}: ${await response.text()}`);
        return 'look for the confirmation email in that inbox';
      },
    });
  }
  return list;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, email: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const url = z.url({ protocol: /^https?$/ }).safeParse(values.url);
  const email = values.email === undefined ? undefined : z.email().safeParse(values.email);
  if (!url.success || (email && !email.success)) {
    console.error(
      !url.success ? 'Give the site with --url https://…\n' : 'Not an email address.\n',
    );
    console.error(USAGE);
    return 2;
  }
  const base = new URL(url.data);
  console.log(`Smoke check of ${base.origin}`);
  let failed = 0;
  for (const check of checks(base, email?.data)) {
    try {
      const note = await check.run();
      console.log(`  ✓ ${check.name}${note ? ` (${note})` : ''}`);
    } catch (error) {
      failed += 1;
      const reason = error instanceof Error ? error.message : String(error);
      console.log(`  ✗ ${check.name}: ${reason}`);
    }
  }
  console.log(failed === 0 ? 'All checks passed.' : `${failed} check(s) failed.`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { startLocalRuntime } from '../functions/local/local-runtime';

// The SDK's notice that its releases after January 2027 need Node 22; Lambda runs Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** MEND_DATA_DIR moves the data folder elsewhere (the admin CLI's tests use a temporary one). */
const DATA_DIR = path.resolve(
  process.env.MEND_DATA_DIR ?? path.join(import.meta.dirname, '../.data'),
);

const options = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
    DISPATCH_INTERVAL_SECONDS: z.coerce.number().min(1).default(30),
    /** Addresses or @domains that may open a practice, as in AWS; empty lets anyone. */
    PRACTITIONER_ALLOWLIST: z.string().optional(),
  })
  .parse(process.env);

/** Generated once, kept in .data/, so links in emails keep working across restarts. */
function localSecret(): string {
  const file = path.join(DATA_DIR, 'signing-secret');
  if (!existsSync(file))
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

mkdirSync(DATA_DIR, { recursive: true });
const runtime = await startLocalRuntime({
  port: options.PORT,
  secret: localSecret(),
  dynamoPath: path.join(DATA_DIR, 'dynamodb'),
  clockFile: path.join(DATA_DIR, 'clock.json'),
  dispatchEveryMs: options.DISPATCH_INTERVAL_SECONDS * 1000,
  env: options.PRACTITIONER_ALLOWLIST
    ? { PRACTITIONER_ALLOWLIST: options.PRACTITIONER_ALLOWLIST }
    : {},
});

// The admin CLI (`npm run admin -- --local …`) talks to this process's database while it runs:
// dynalite's LevelDB can be opened by one process only.
const ENDPOINTS_FILE = path.join(DATA_DIR, 'endpoints.json');
writeFileSync(
  ENDPOINTS_FILE,
  JSON.stringify({
    dynamodb: runtime.dynamoEndpoint,
    ses: runtime.sesEndpoint,
    url: runtime.url,
    pid: process.pid,
  }),
);

console.log(`
  Mend is running locally.

  Sign up:        ${runtime.url}/
  Outbox:         ${runtime.url}/_local/outbox/view   (JSON at /_local/outbox)
  Move time on:   curl -X POST ${runtime.url}/_local/clock -H 'content-type: application/json' -d '{"advanceHours":72}'
  Local SES UI:   ${runtime.sesEndpoint}/

  The dispatcher runs every ${options.DISPATCH_INTERVAL_SECONDS} s. Data lives in .data/ (delete it to start afresh).
  Press Ctrl+C to stop.
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    rmSync(ENDPOINTS_FILE, { force: true });
    runtime.stop().finally(() => process.exit(0));
  });
}

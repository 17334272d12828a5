import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ConfigError } from '../functions/config/env';
import { emailSchema, normalizeEmail } from '../functions/domain/email-address';
import { practiceIdFor } from '../functions/domain/practice';
import { ensureTable } from '../functions/local/engines';
import { LOCAL_CREDENTIALS } from '../functions/local/local-credentials';
import { loadSigningSecret } from '../functions/runtime/signing-secret';
import { parseKeyReference } from '../functions/services/api-keys';
import { createStore, type Store } from '../functions/store';
import { createDocumentClient } from '../functions/store/dynamo-client';
import type { TableRef } from '../functions/store/table';
import { tableStatus } from '../functions/store/table-setup';

// Local machines run Node 20 with SDK versions pinned for it (STACK.md); Lambda runs Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Mend admin

Usage: npm run admin -- [--local] <command> [arguments]

Commands:
  create-practitioner <email> [name]   Create a practice for this address (or show the existing
                                       one). They then sign in at /practice/login.
  list-practitioners                   Every practice: id, email, name, created, API keys.
  revoke-key <practiceId> <keyId>      Revoke an API key at once. Instead of the two ids you may
  revoke-key <prefix-or-key>           give the key's listed prefix (mend_<practiceId>_<keyId>).
  stats                                Counts of practices, subscribers and enrollments by status,
                                       clients, API keys and answers. This reads the whole table
                                       (a Scan): fine for an occasional admin report, which is
                                       the only place Mend scans.

Options:
  --local    Use the local data in .data/: the running \`npm start\` server's database if it is
             up (.data/endpoints.json), otherwise its files directly.
  --help     Show this help.

Against AWS the CLI reads what the Lambdas read: TABLE_NAME, AWS_REGION, and SIGNING_SECRET_ARN
(or SIGNING_SECRET) for create-practitioner. Credentials come from the AWS SDK's default chain
(environment, AWS_PROFILE and SSO, container or instance roles), refreshed when they expire.
AWS_ENDPOINT_URL_DYNAMODB points it at any other DynamoDB endpoint (tests use this).`;

class UsageError extends Error {
  override name = 'UsageError';
}

const LOCAL_TABLE = 'mend-local';

interface Connection {
  table: TableRef;
  store: Store;
  secret: () => Promise<string>;
  close: () => Promise<void>;
}

const endpointsFile = z.object({ dynamodb: z.url(), pid: z.number().int() });

/** `.data/`, or MEND_DATA_DIR as `npm start` reads it. */
function dataDir(): string {
  return path.resolve(process.env.MEND_DATA_DIR ?? path.join(import.meta.dirname, '../.data'));
}

const localTable = (endpoint: string): TableRef => ({
  db: createDocumentClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS }),
  tableName: LOCAL_TABLE,
});

/** dynalite answers "not found" for a table still being created: wait until it is active. */
async function waitForTable(endpoint: string): Promise<void> {
  const table = localTable(endpoint);
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if ((await tableStatus(table)) === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function reachable(endpoint: string): Promise<boolean> {
  try {
    await tableStatus(localTable(endpoint));
    return true;
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * dynalite's LevelDB can be opened by one process only: use the running server's endpoint when
 * `npm start` is up, otherwise open `.data/dynamodb` here.
 */
async function localEndpoint(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const dir = dataDir();
  const file = path.join(dir, 'endpoints.json');
  if (existsSync(file)) {
    const parsed = endpointsFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success && alive(parsed.data.pid) && (await reachable(parsed.data.dynamodb))) {
      return { endpoint: parsed.data.dynamodb, stop: async () => {} };
    }
  }
  if (!existsSync(path.join(dir, 'dynamodb'))) {
    throw new ConfigError(`No local data in ${dir}. Run \`npm start\` once first.`);
  }
  const { default: dynalite } = await import('dynalite');
  const server: Server = dynalite({ path: path.join(dir, 'dynamodb'), createTableMs: 0 });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await ensureTable(endpoint, LOCAL_TABLE);
    await waitForTable(endpoint);
  } catch (cause) {
    server.close();
    throw new ConfigError(
      `Could not open ${path.join(dir, 'dynamodb')}; is another process using it? Start the server with \`npm start\` so the CLI can use its endpoint.`,
      { cause },
    );
  }
  return {
    endpoint,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function connect(local: boolean): Promise<Connection> {
  if (local) {
    const { endpoint, stop } = await localEndpoint();
    const table = localTable(endpoint);
    return {
      table,
      store: createStore(table),
      secret: async () => {
        const file = path.join(dataDir(), 'signing-secret');
        if (!existsSync(file)) throw new ConfigError(`No signing secret in ${file}.`);
        return readFileSync(file, 'utf8').trim();
      },
      close: stop,
    };
  }
  const env = z
    .object({
      TABLE_NAME: z.string({ error: 'set TABLE_NAME (or use --local)' }).min(1),
      AWS_REGION: z.string().min(1).default('us-east-1'),
      SIGNING_SECRET: z.string().min(32).optional(),
      SIGNING_SECRET_ARN: z.string().min(1).optional(),
    })
    .safeParse(process.env);
  if (!env.success) {
    throw new ConfigError(env.error.issues.map((issue) => issue.message).join('; '));
  }
  const { TABLE_NAME, AWS_REGION } = env.data;
  // No credentials or endpoint here: the SDK's default chain and AWS_ENDPOINT_URL_* decide.
  const table = { db: createDocumentClient({ region: AWS_REGION }), tableName: TABLE_NAME };
  return {
    table,
    store: createStore(table),
    secret: async () => {
      if (!env.data.SIGNING_SECRET && !env.data.SIGNING_SECRET_ARN) {
        throw new ConfigError('set SIGNING_SECRET_ARN (or SIGNING_SECRET) to create practitioners');
      }
      // Only the two secret fields are read from this partial environment.
      return loadSigningSecret(env.data as Parameters<typeof loadSigningSecret>[0]);
    },
    close: async () => {},
  };
}

async function createPractitioner(conn: Connection, args: string[]): Promise<void> {
  const [rawEmail, ...nameParts] = args;
  const parsed = emailSchema.safeParse(rawEmail ?? '');
  if (!parsed.success) throw new UsageError('create-practitioner needs a valid email address.');
  const email = normalizeEmail(parsed.data);
  const name = nameParts.join(' ').trim() || undefined;
  const practice = await conn.store.practices.ensure({
    practiceId: practiceIdFor(email, await conn.secret()),
    email,
    name,
    createdAt: new Date().toISOString(),
  });
  console.log(`Practice ${practice.practiceId} for ${practice.email}${practice.name ? ` (${practice.name})` : ''}.
They sign in with a link emailed from /practice/login.`);
}

async function listPractitioners(conn: Connection): Promise<void> {
  const ids = await conn.store.practices.listIds();
  if (ids.length === 0) {
    console.log('No practitioners yet.');
    return;
  }
  for (const id of ids) {
    const [practice, keys] = await Promise.all([
      conn.store.practices.get(id),
      conn.store.apiKeys.list(id),
    ]);
    if (!practice) continue;
    const live = keys.filter((key) => !key.revokedAt).length;
    console.log(
      [id, practice.email, practice.name ?? '-', practice.createdAt, `${live} active key(s)`].join(
        '\t',
      ),
    );
  }
}

async function revokeKey(conn: Connection, args: string[]): Promise<void> {
  const reference =
    args.length === 2
      ? { practiceId: args[0] as string, keyId: args[1] as string }
      : args.length === 1
        ? parseKeyReference(args[0] as string)
        : undefined;
  if (!reference) {
    throw new UsageError('revoke-key needs <practiceId> <keyId>, or the key’s listed prefix.');
  }
  if (!(await conn.store.apiKeys.revoke(reference.practiceId, reference.keyId, new Date()))) {
    throw new Error(`There is no key ${reference.keyId} in practice ${reference.practiceId}.`);
  }
  console.log(`Revoked key ${reference.keyId} of practice ${reference.practiceId}.`);
}

/** The one Scan in Mend: an admin's occasional count of everything, paged, keys only. */
async function stats(conn: Connection): Promise<void> {
  const counts = {
    practices: 0,
    subscribers: {} as Record<string, number>,
    enrollments: {} as Record<string, number>,
    clients: 0,
    apiKeys: { active: 0, revoked: 0 },
    answers: 0,
  };
  const bump = (group: Record<string, number>, key: string) => {
    group[key] = (group[key] ?? 0) + 1;
  };
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await conn.table.db.send(
      new ScanCommand({
        TableName: conn.table.tableName,
        ProjectionExpression: 'PK, SK, #status, revokedAt',
        ExpressionAttributeNames: { '#status': 'status' },
        ExclusiveStartKey: cursor,
      }),
    );
    for (const item of page.Items ?? []) {
      const pk = String(item.PK);
      const sk = String(item.SK);
      if (pk.startsWith('PRAC#')) {
        if (sk === 'PROFILE') counts.practices += 1;
        else if (sk.startsWith('CLIENT#')) counts.clients += 1;
        else if (sk.startsWith('KEY#')) counts.apiKeys[item.revokedAt ? 'revoked' : 'active'] += 1;
      } else if (pk.startsWith('SUB#')) {
        if (sk === 'PROFILE') bump(counts.subscribers, String(item.status ?? 'unknown'));
        else if (sk.startsWith('ENR#')) bump(counts.enrollments, String(item.status ?? 'unknown'));
        else if (sk.startsWith('ANS#')) counts.answers += 1;
      }
    }
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  const group = (values: Record<string, number>) =>
    Object.entries(values)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, count]) => `    ${status}: ${count}`)
      .join('\n') || '    (none)';
  console.log(`Practices: ${counts.practices}
Clients enrolled by practices: ${counts.clients}
API keys: ${counts.apiKeys.active} active, ${counts.apiKeys.revoked} revoked
Subscribers by status:
${group(counts.subscribers)}
Enrollments by status:
${group(counts.enrollments)}
Answers: ${counts.answers}`);
}

const COMMANDS: Record<string, (conn: Connection, args: string[]) => Promise<void>> = {
  'create-practitioner': createPractitioner,
  'list-practitioners': listPractitioners,
  'revoke-key': revokeKey,
  stats,
};

async function main(argv: string[]): Promise<number> {
  const local = argv.includes('--local');
  const rest = argv.filter((arg) => arg !== '--local');
  const [command, ...args] = rest;
  if (rest.includes('--help') || rest.includes('-h') || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (!command) {
    console.error(USAGE);
    return 1;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(`admin: unknown command “${command}”.\n\n${USAGE}`);
    return 1;
  }
  const conn = await connect(local);
  try {
    await run(conn, args);
  } finally {
    await conn.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`admin: ${message}`);
    if (error instanceof UsageError) console.error('Run `npm run admin -- --help` for usage.');
    process.exit(1);
  },
);

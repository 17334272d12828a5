import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import { adminEnvSchema, ConfigError, readEnv } from '../functions/config/env';
import { emailSchema, normalizeEmail } from '../functions/domain/email-address';
import { practiceIdFor } from '../functions/domain/practice';
import { ensureTable, LOCAL_TABLE_NAME, startDynamo } from '../functions/local/engines';
import { LOCAL_CREDENTIALS } from '../functions/local/local-credentials';
import { loadSigningSecret } from '../functions/runtime/signing-secret';
import { isSpent, parseKeyReference } from '../functions/services/api-keys';
import { createStore, type Store } from '../functions/store';
import { createDocumentClient } from '../functions/store/dynamo-client';
import type { TableRef } from '../functions/store/table';
import { tableStatus } from '../functions/store/table-setup';
import { tableStats } from '../functions/store/table-stats';

// The SDK's notice that its releases after January 2027 need Node 22; Lambda runs Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Mend admin

Usage: npm run admin -- [--local] <command> [arguments]

Commands:
  create-practitioner <email> [name]   Create a practice for this address (or show the existing
                                       one). They then sign in at /practice/login.
  list-practitioners                   Every practice: id, email, name, created, API keys.
  revoke-key <practiceId> <keyId>      Revoke an API key at once. Instead of the two ids you may
  revoke-key <prefix-or-key>           give the key's listed prefix (mend_<practiceId>_<keyId>).
  stats                                Counts of practices, subscribers, enrollments and pairs by status,
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

interface Connection {
  table: TableRef;
  store: Store;
  secret: () => Promise<string>;
  close: () => Promise<void>;
}

const endpointsFile = z.object({ dynamodb: z.url(), pid: z.int() });

/** `.data/`, or MEND_DATA_DIR as `npm start` reads it. */
function dataDir(): string {
  return path.resolve(process.env.MEND_DATA_DIR ?? path.join(import.meta.dirname, '../.data'));
}

const localTable = (endpoint: string): TableRef => ({
  db: createDocumentClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS }),
  tableName: LOCAL_TABLE_NAME,
});

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
  const dynamo = await startDynamo({ dynamoPath: path.join(dir, 'dynamodb') });
  try {
    await ensureTable(dynamo.endpoint);
  } catch (cause) {
    await dynamo.stop();
    throw new ConfigError(
      `Could not open ${path.join(dir, 'dynamodb')}; is another process using it? Start the server with \`npm start\` so the CLI can use its endpoint.`,
      { cause },
    );
  }
  return dynamo;
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
  const env = readEnv(process.env, adminEnvSchema);
  // No credentials or endpoint here: the SDK's default chain and AWS_ENDPOINT_URL_* decide.
  const table = { db: createDocumentClient({ region: env.AWS_REGION }), tableName: env.TABLE_NAME };
  return {
    table,
    store: createStore(table),
    secret: async () => {
      if (!env.SIGNING_SECRET && !env.SIGNING_SECRET_ARN) {
        throw new ConfigError('set SIGNING_SECRET_ARN (or SIGNING_SECRET) to create practitioners');
      }
      return loadSigningSecret(env);
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
    const live = keys.filter((key) => !isSpent(key, new Date())).length;
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

/** Counts of everything: the one Scan in Mend, for an occasional report (`store/table-stats`). */
async function stats(conn: Connection): Promise<void> {
  const counts = await tableStats(conn.table, new Date());
  const group = (values: Record<string, number>) =>
    Object.entries(values)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, count]) => `    ${status}: ${count}`)
      .join('\n') || '    (none)';
  const { active, expired, revoked } = counts.apiKeys;
  console.log(`Practices: ${counts.practices}
Clients enrolled by practices: ${counts.clients}
API keys: ${active} active, ${revoked} revoked${expired ? `, ${expired} expired` : ''}
Subscribers by status:
${group(counts.subscribers)}
Enrollments by status:
${group(counts.enrollments)}
Answers: ${counts.answers}
Pairs by status:
${group(counts.pairs)}`);
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

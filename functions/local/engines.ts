import { fork } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as z from 'zod/mini';
import { createDocumentClient } from '../store/dynamo-client';
import { ensureTable as ensureTableOf, tableStatus } from '../store/table-setup';
import { LOCAL_CREDENTIALS } from './local-credentials';

export interface LocalEngines {
  dynamoEndpoint: string;
  sesEndpoint: string;
  stop(): Promise<void>;
}

export interface EngineOptions {
  /** LevelDB folder for dynalite; in memory when absent. */
  dynamoPath?: string;
  dynamoPort?: number;
  sesPort?: number;
}

const HOST = '127.0.0.1';

/** The table's name wherever the engines run: `npm start`, the tests and the admin CLI. */
export const LOCAL_TABLE_NAME = 'mend-local';

function endpointOf(server: Server): string {
  return `http://${HOST}:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** dynalite alone, on loopback: what the admin CLI opens when no `npm start` is running. */
export async function startDynamo(
  options: Pick<EngineOptions, 'dynamoPath' | 'dynamoPort'> = {},
): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const { default: dynalite } = await import('dynalite');
  const dynamo: Server = dynalite({
    path: options.dynamoPath,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  dynamo.listen(options.dynamoPort ?? 0, HOST);
  await once(dynamo, 'listening');
  return { endpoint: endpointOf(dynamo), stop: () => close(dynamo) };
}

/** Starts dynalite and aws-ses-v2-local in this process, on loopback. Port 0 picks a free one. */
export async function startEngines(options: EngineOptions = {}): Promise<LocalEngines> {
  const dynamo = await startDynamo(options);
  const { default: startSes } = await import('aws-ses-v2-local');
  const ses = await startSes({ host: HOST, port: options.sesPort ?? 0 });

  return {
    dynamoEndpoint: dynamo.endpoint,
    sesEndpoint: endpointOf(ses),
    stop: async () => {
      await Promise.all([dynamo.stop(), close(ses)]);
    },
  };
}

const endpointsMessage = z.object({ dynamoEndpoint: z.url(), sesEndpoint: z.url() });
const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The same engines in a child process: they get a core of their own, as DynamoDB and SES have
 * their own machines in AWS. The benchmarks use this; `npm start` and the tests keep the engines
 * in their own process, where the tests can reach the local SES store directly.
 */
export async function startEnginesInChild(
  options: Pick<EngineOptions, 'dynamoPath'> = {},
): Promise<LocalEngines> {
  const child = fork(
    path.join(import.meta.dirname, 'engines-process.ts'),
    [JSON.stringify(options)],
    {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const exited = once(child, 'exit');
  const ready = await Promise.race([
    once(child, 'message').then(([message]) => endpointsMessage.parse(message)),
    exited.then(([code]) => {
      throw new Error(`The local engines' process exited early (code ${code}).`);
    }),
  ]);
  return {
    ...ready,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.send('stop');
      await exited;
    },
  };
}

/**
 * Creates the table with its due-index on a local engine unless it is already there, and waits
 * until dynalite answers for it (it says "not found" while a table is being created).
 */
export async function ensureTable(url: string, tableName = LOCAL_TABLE_NAME, region = 'us-east-1') {
  const db = createDocumentClient({ region, endpoint: url, credentials: LOCAL_CREDENTIALS });
  try {
    await ensureTableOf({ db, tableName });
    for (let attempt = 0; attempt < 50; attempt += 1) {
      if ((await tableStatus({ db, tableName })) === 'ACTIVE') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    db.destroy();
  }
}

import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from '../app/create-app';
import type { LocalControls } from '../app/routes/local';
import { type Env, readEnv } from '../config/env';
import { apiCatalog } from '../courses/api-catalog';
import { bundledCatalog } from '../courses/bundled-catalog';
import type { CourseCatalog } from '../courses/catalog';
import { runDispatch } from '../dispatcher/run-dispatch';
import type { Logger } from '../log';
import type { Mailer } from '../mail/mailer';
import { buildContext } from '../runtime/build-context';
import type { ServiceContext } from '../services/context';
import { handleSesEvent } from '../ses-events/handle-ses-event';
import { ensureTable, LOCAL_TABLE_NAME, startEngines, startEnginesInChild } from './engines';
import { LOCAL_CREDENTIALS } from './local-credentials';
import { OffsetClock } from './offset-clock';
import { readOutbox } from './outbox';

export interface LocalRuntimeOptions {
  /** 0 picks a free port. */
  port: number;
  secret: string;
  /** Where dynalite keeps its data; in memory when absent. */
  dynamoPath?: string;
  /** Run dynalite and local SES in a child process, on a core of their own. */
  enginesInChild?: boolean;
  clockFile?: string;
  /** Run the dispatcher on a timer this often; off when absent. */
  dispatchEveryMs?: number;
  log?: Logger;
  catalog?: CourseCatalog;
  wrapMailer?: (mailer: Mailer) => Mailer;
  env?: Partial<Record<keyof Env, string>>;
}

export interface LocalRuntime {
  url: string;
  app: Hono;
  ctx: ServiceContext;
  clock: OffsetClock;
  controls: LocalControls;
  sesEndpoint: string;
  dynamoEndpoint: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * The whole product on one machine: dynalite, local SES, the Hono app and the dispatcher, wired
 * through the same adapters as in AWS with only the endpoints changed.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const engines = options.enginesInChild
    ? await startEnginesInChild({ dynamoPath: options.dynamoPath })
    : await startEngines({ dynamoPath: options.dynamoPath });
  const port = options.port || (await freePort());
  const url = `http://localhost:${port}`;
  const env = readEnv({
    TABLE_NAME: LOCAL_TABLE_NAME,
    BASE_URL: url,
    FROM_ADDRESS: 'Mend <course@mend.localhost>',
    POSTAL_ADDRESS: 'Mend, 1 Example Street, Exampleton EX1 2MP',
    SIGNING_SECRET: options.secret,
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_DYNAMODB: engines.dynamoEndpoint,
    AWS_ENDPOINT_URL_SESV2: engines.sesEndpoint,
    SEND_RATE_PER_SECOND: '50',
    ...options.env,
  });
  await ensureTable(engines.dynamoEndpoint, env.TABLE_NAME);

  const clock = new OffsetClock(options.clockFile);
  const ctx = buildContext(env, options.secret, options.catalog ?? bundledCatalog(), {
    clock,
    log: options.log,
    wrapMailer: options.wrapMailer,
    credentials: LOCAL_CREDENTIALS,
  });

  // One dispatcher run at a time in this process; concurrent runs are safe, just wasteful.
  let running: Promise<Awaited<ReturnType<typeof runDispatch>>> | undefined;
  const dispatch = async () => {
    while (running) await running.catch(() => undefined);
    running = runDispatch(ctx);
    try {
      return await running;
    } finally {
      running = undefined;
    }
  };
  const controls: LocalControls = {
    outbox: () => readOutbox(engines.sesEndpoint),
    now: () => clock.now(),
    advanceClock: async (hours) => {
      const now = clock.advance(hours);
      return { now, dispatch: await dispatch() };
    },
    dispatch,
    sesEvent: (event) => handleSesEvent(ctx, event),
  };
  // The app gets what the api function bundles (no stage bodies), the dispatcher everything.
  const app = createApp(
    { ...ctx, catalog: options.catalog ?? apiCatalog() },
    { baseUrl: url, local: controls },
  );
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }) as Server;
  await once(server, 'listening');

  const timer = options.dispatchEveryMs
    ? setInterval(() => {
        dispatch().catch((error: unknown) =>
          ctx.log.error('dispatch failed', {
            error: error instanceof Error ? error.message : 'unknown',
          }),
        );
      }, options.dispatchEveryMs)
    : undefined;

  return {
    url,
    app,
    ctx,
    clock,
    controls,
    sesEndpoint: engines.sesEndpoint,
    dynamoEndpoint: engines.dynamoEndpoint,
    stop: async () => {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await engines.stop();
    },
  };
}

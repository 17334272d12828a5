import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { runDispatch } from '../functions/dispatcher/run-dispatch';
import { startLocalRuntime } from '../functions/local/local-runtime';
import { silentLogger } from '../functions/log';
import { seedActiveSubscriber } from '../tests/support/seed';
import { type CpuShares, describeCpu, measureCpu } from './lib/cpu-share';
import { type LoadOptions, type LoadReport, loadTest } from './lib/load';
import { type BenchOptions, type BenchResult, parseOptions, printResults } from './lib/report';

/** Network errors and 4xx/5xx answers (a POST's 303 is its success). */
const failures = (r: LoadReport) => r.errors + r['4xx'] + r['5xx'];

/**
 * A load test, and how busy the server (this process: autocannon and the engines each run in a
 * process of their own), the engines and the whole machine were meanwhile.
 */
async function loadWithCpu(options: LoadOptions): Promise<LoadReport & { cpu: CpuShares }> {
  const stop = measureCpu();
  const report = await loadTest(options);
  return { ...report, cpu: stop() };
}

/** The yardstick: the same Hono server returning a static page. */
async function staticServer(): Promise<{ url: string; close(): Promise<void> }> {
  const page = `<!doctype html><html lang="en"><title>Static</title><p>${'static '.repeat(200)}</p></html>`;
  const app = new Hono();
  app.get('/', (c) => c.html(page));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * `GET` and `POST /reflect/:token` under 10 concurrent clients (autocannon) against the local
 * server, beside a static page from the same Hono server: p50/p99 latency and requests a second.
 */
export async function benchApi({ quick }: BenchOptions): Promise<BenchResult[]> {
  const durationSeconds = quick ? 1 : 8;
  const runtime = await startLocalRuntime({
    port: 0,
    enginesInChild: true,
    secret: randomBytes(32).toString('base64url'),
    log: silentLogger,
  });
  const yardstick = await staticServer();
  try {
    await seedActiveSubscriber(runtime.ctx, 'api.bench@example.com');
    await runDispatch(runtime.ctx);
    // The local SES store is shared by every runtime in this process: find this one's email.
    const welcome = (await runtime.controls.outbox()).find((email) =>
      email.to.includes('api.bench@example.com'),
    );
    const reflect = /https?:\/\/\S+\/reflect\/[\w.-]+/.exec(welcome?.text ?? '')?.[0];
    if (!reflect) throw new Error('no reflect link');
    const url = reflect.replace('localhost', '127.0.0.1');
    const base = await loadTest({ url: yardstick.url, connections: 10, durationSeconds });
    const get = await loadWithCpu({ url, connections: 10, durationSeconds });
    const post = await loadWithCpu({
      url,
      connections: 10,
      durationSeconds,
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: new URL(runtime.url).origin,
      },
      body: 'answer=Benchmarks+write+this+answer+again+and+again.',
    });
    const row = (name: string, r: LoadReport & { cpu: CpuShares }): BenchResult => ({
      name,
      figure: `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${Math.round(r.requests.average)} req/s (static page: p50 ${base.latency.p50} ms, p99 ${base.latency.p99} ms, ${Math.round(base.requests.average)} req/s; ${failures(r)} errors)`,
      target: 'p99 ≤ 30 ms; overhead over the static page stated',
      met: r.latency.p99 <= 30 && failures(r) === 0,
      ratio: { label: `${name} p99 (ms)`, value: r.latency.p99, goal: 30 },
      notes: `${(r.requests.average / base.requests.average).toFixed(2)}× the static page's throughput; ${describeCpu(r.cpu, 'the server')}`,
    });
    return [row('GET /reflect/:token', get), row('POST /reflect/:token', post)];
  } finally {
    // Let requests autocannon abandoned at its deadline finish before the engines stop.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await yardstick.close();
    await runtime.stop();
  }
}

if (process.argv[1]?.endsWith('api.ts')) {
  printResults(await benchApi(parseOptions()));
}

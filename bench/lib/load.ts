import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import * as z from 'zod/mini';

const run = promisify(execFile);
const CLI = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

const report = z.object({
  latency: z.object({ p50: z.number(), p99: z.number() }),
  requests: z.object({ average: z.number() }),
  errors: z.number(),
  '4xx': z.number(),
  '5xx': z.number(),
});
export type LoadReport = z.infer<typeof report>;

/**
 * autocannon in a process of its own: in the server's process, the load generator would share
 * its event loop and CPU, and its own delays would count as the server's latency.
 */
export async function loadTest(options: LoadOptions): Promise<LoadReport> {
  const args = [
    CLI,
    '--json',
    '-c',
    String(options.connections),
    '-d',
    String(options.durationSeconds),
    '-m',
    options.method ?? 'GET',
  ];
  for (const [name, value] of Object.entries(options.headers ?? {}))
    args.push('-H', `${name}=${value}`);
  if (options.body !== undefined) args.push('-b', options.body);
  args.push(options.url);
  const { stdout } = await run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  return report.parse(JSON.parse(stdout));
}

import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { lambdaBuildOptions } from '../infra/lambda-bundling';
import {
  type BenchOptions,
  type BenchResult,
  median,
  parseOptions,
  printResults,
} from './lib/report';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const BUDGET_BYTES = 300 * 1024;

/** Builds one Lambda entry as the CDK does and returns the bundle's size in bytes. */
async function bundle(entry: string, outfile: string): Promise<number> {
  await build(lambdaBuildOptions(entry, outfile));
  return (await stat(outfile)).size;
}

/** Wall time for a fresh `node` to import the bundle, measured inside the process. */
async function loadMs(file: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); console.log(performance.now() - t);`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      ...process.env,
      TABLE_NAME: 'bench',
      BASE_URL: 'https://mend.example',
      FROM_ADDRESS: 'Mend <course@mend.example>',
      POSTAL_ADDRESS: 'Mend, 1 Example Street',
      SIGNING_SECRET: 'x'.repeat(48),
      AWS_REGION: 'eu-west-1',
      // What Lambda puts in every function's environment.
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
    },
  });
  return Number(stdout.trim());
}

/**
 * Cold start: each Lambda bundle's size and its module-load time (median of fresh processes),
 * against a bundle of a bare Hono hello-world built the same way.
 */
export async function benchColdStart({ quick }: BenchOptions): Promise<BenchResult[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mend-bench-'));
  try {
    const entries = {
      hello: path.join(ROOT, 'bench/fixtures/hello-lambda.ts'),
      api: path.join(ROOT, 'functions/handlers/api.ts'),
      dispatcher: path.join(ROOT, 'functions/handlers/dispatcher.ts'),
      'ses-events': path.join(ROOT, 'functions/handlers/ses-events.ts'),
    };
    const runs = quick ? 3 : 20;
    const measured: Record<string, { bytes: number; ms: number }> = {};
    for (const [name, entry] of Object.entries(entries)) {
      const out = path.join(dir, `${name}.mjs`);
      const bytes = await bundle(entry, out);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await loadMs(out));
      measured[name] = { bytes, ms: median(times) };
    }
    const base = measured.hello as { bytes: number; ms: number };
    return ['api', 'dispatcher', 'ses-events'].map((name) => {
      const m = measured[name] as { bytes: number; ms: number };
      const ratio = m.ms / base.ms;
      return {
        name: `cold start: ${name}`,
        figure: `${(m.bytes / 1024).toFixed(0)} KB; loads in ${m.ms.toFixed(1)} ms = ${ratio.toFixed(2)}× the hello-world (${(base.bytes / 1024).toFixed(0)} KB, ${base.ms.toFixed(1)} ms)`,
        target: '≤ 300 KB minified; load ≤ 2× the hello-world',
        met: m.bytes <= BUDGET_BYTES && ratio <= 2,
        ratio: { label: `${name} load vs hello-world (×)`, value: ratio, goal: 2 },
      };
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('cold-start.ts')) {
  printResults(await benchColdStart(parseOptions()));
}

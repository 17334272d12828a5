import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { LOCAL_TABLE_NAME } from '../functions/local/engines';
import { startLocalRuntime } from '../functions/local/local-runtime';
import { silentLogger } from '../functions/log';
import { lambdaBuildOptions } from '../infra/lambda-bundling';
import { type ColdStartSubject, HELLO, MEND_FUNCTIONS, REFERENCE } from './lib/cold-start-subjects';
import { invokeFresh } from './lib/fresh-invoke';
import {
  type BenchOptions,
  type BenchResult,
  median,
  parseOptions,
  printResults,
} from './lib/report';

type Samples = Record<'load' | 'first' | 'warm' | 'setUp', number[]>;

const BUDGET_BYTES = 700 * 1024;
/** Targets, as multiples of the SDK reference's figures. */
const GOAL = { load: 1.3, firstCall: 1.5 };

interface Measured {
  bytes: number;
  /** Medians over the fresh processes. */
  loadMs: number;
  /** From before the import until the first invocation has answered. */
  firstCallMs: number;
  /** The same invocation again in the same process: the work itself, without the cold costs. */
  warmMs: number;
  /**
   * The first invocation's time beyond the warm one's: what a first call pays once (the clients'
   * lazy set-up, first connections, code run for the first time).
   */
  setUpMs: number;
}

/** Builds one Lambda entry as the CDK does and returns the bundle's size in bytes. */
async function bundle(entry: string, outfile: string): Promise<number> {
  await build(lambdaBuildOptions(entry, outfile));
  return (await stat(outfile)).size;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * Loads each bundle in `runs` fresh `node` processes and invokes it there twice, cold then warm,
 * against the local engines. The bundles take turns round by round, so a slow minute on this
 * shared machine falls on all of them alike and the ratios hold.
 */
async function measureAll(
  subjects: ColdStartSubject[],
  dir: string,
  runs: number,
): Promise<Map<string, Measured>> {
  const secret = randomBytes(36).toString('base64url');
  const runtime = await startLocalRuntime({
    port: 0,
    enginesInChild: true,
    secret,
    log: silentLogger,
  });
  const env = {
    TABLE_NAME: LOCAL_TABLE_NAME,
    BASE_URL: 'https://mend.example',
    FROM_ADDRESS: 'Mend <course@mend.example>',
    POSTAL_ADDRESS: 'Mend, 1 Example Street, Exampleton EX1 2MP',
    SIGNING_SECRET: secret,
    AWS_REGION: 'eu-west-1',
    // What Lambda puts in every function's environment (the engines check nothing more).
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_ENDPOINT_URL_DYNAMODB: runtime.dynamoEndpoint,
    AWS_ENDPOINT_URL_SESV2: runtime.sesEndpoint,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  try {
    const files = new Map<string, { file: string; bytes: number }>();
    for (const subject of subjects) {
      const file = path.join(dir, `${subject.name.replace(/\W+/g, '-')}.mjs`);
      files.set(subject.name, { file, bytes: await bundle(subject.entry, file) });
    }
    const samples = new Map<string, Samples>(
      subjects.map((s) => [s.name, { load: [], first: [], warm: [], setUp: [] }]),
    );
    for (let round = 0; round < runs; round++) {
      for (const subject of subjects) {
        const invocation = await subject.invocation?.(runtime.ctx, round);
        const { file } = files.get(subject.name) as { file: string };
        const timing = await invokeFresh(file, env, invocation);
        const failed = timing.answers.find((answer) => !subject.succeeded?.(answer));
        if (failed !== undefined) {
          throw new Error(`${subject.name} answered ${JSON.stringify(failed)}`);
        }
        const sample = samples.get(subject.name) as Samples;
        const [first = 0, warm = 0] = timing.invocationsMs;
        sample.load.push(timing.loadMs);
        sample.first.push(timing.loadMs + first);
        sample.warm.push(warm);
        sample.setUp.push(first - warm);
      }
    }
    return new Map(
      subjects.map((s) => {
        const sample = samples.get(s.name) as Samples;
        const { bytes } = files.get(s.name) as { bytes: number };
        return [
          s.name,
          {
            bytes,
            loadMs: median(sample.load),
            firstCallMs: median(sample.first),
            warmMs: median(sample.warm),
            setUpMs: median(sample.setUp),
          },
        ];
      }),
    );
  } finally {
    await runtime.stop();
  }
}

/**
 * Cold start: each Lambda bundle's size, its module-load time, and its load plus a first
 * invocation that calls DynamoDB (medians of fresh processes), against a reference built the same
 * way: a bare Hono app with the same AWS SDK clients, which reads one item. A bare Hono
 * hello-world's load is stated beside them.
 */
export async function benchColdStart({ quick }: BenchOptions): Promise<BenchResult[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mend-bench-'));
  try {
    const measured = await measureAll([HELLO, REFERENCE, ...MEND_FUNCTIONS], dir, quick ? 3 : 20);
    const hello = measured.get(HELLO.name) as Measured;
    const ref = measured.get(REFERENCE.name) as Measured;
    return MEND_FUNCTIONS.flatMap((fn): BenchResult[] => {
      const m = measured.get(fn.name) as Measured;
      const load = m.loadMs / ref.loadMs;
      const firstCall = m.firstCallMs / ref.firstCallMs;
      return [
        {
          name: `cold start: ${fn.name}`,
          figure: `${kb(m.bytes)}; loads in ${ms(m.loadMs)} = ${load.toFixed(2)}× the SDK reference (${kb(ref.bytes)}, ${ms(ref.loadMs)}); ${(m.loadMs / hello.loadMs).toFixed(1)}× a bare Hono hello-world (${kb(hello.bytes)}, ${ms(hello.loadMs)})`,
          target: `≤ 700 KB minified; load ≤ ${GOAL.load}× the SDK reference`,
          met: m.bytes <= BUDGET_BYTES && load <= GOAL.load,
          ratio: { label: `${fn.name} load vs SDK reference (×)`, value: load, goal: GOAL.load },
        },
        {
          name: `first call: ${fn.name}`,
          figure: `load + ${fn.does} in ${ms(m.firstCallMs)} = ${firstCall.toFixed(2)}× the SDK reference's load + ${REFERENCE.does} (${ms(ref.firstCallMs)})`,
          notes: `the same invocation warm, in the same process: ${ms(m.warmMs)} (reference ${ms(ref.warmMs)}); the first one took ${ms(m.setUpMs)} longer (reference ${ms(ref.setUpMs)}), paying the clients' lazy set-up and first connections once`,
          target: `load + first DynamoDB call ≤ ${GOAL.firstCall}× the SDK reference's`,
          met: firstCall <= GOAL.firstCall,
          ratio: {
            label: `${fn.name} load + first call vs reference (×)`,
            value: firstCall,
            goal: GOAL.firstCall,
          },
        },
      ];
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('cold-start.ts')) {
  printResults(await benchColdStart(parseOptions()));
}

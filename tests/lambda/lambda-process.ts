import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { lambdaBuildOptions } from '../../infra/lambda-bundling';
import type { FunctionSpec } from './stack-functions';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HOST = path.join(import.meta.dirname, 'invoke-host.mjs');

/** Builds a function's bundle exactly as its CDK asset is built; returns the `index.mjs` path. */
export async function buildBundle(spec: FunctionSpec, outDir: string): Promise<string> {
  const dir = path.join(outDir, spec.name);
  await mkdir(dir, { recursive: true });
  const outfile = path.join(dir, 'index.mjs');
  await build({ ...lambdaBuildOptions(path.join(ROOT, spec.entry), outfile), absWorkingDir: ROOT });
  return outfile;
}

/** The variables Lambda itself sets in every Node.js function's environment. */
function lambdaVariables(spec: FunctionSpec, region: string): Record<string, string> {
  const functionName = `Mend-dev-${spec.name}Function-AbCdEf012345`;
  return {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_ACCESS_KEY_ID: 'ASIALAMBDATESTKEY000',
    AWS_SECRET_ACCESS_KEY: 'lambda-test-secret-access-key',
    AWS_SESSION_TOKEN: 'lambda-test-session-token',
    LAMBDA_TASK_ROOT: '/var/task',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
  };
}

export interface LambdaInstance {
  /** Module load time inside the process (Lambda's init phase), in milliseconds. */
  initMs: number;
  /** What the process wrote to stdout and stderr: its logs. */
  logs: string[];
  invoke(event: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

export class LambdaInvokeError extends Error {
  override name = 'LambdaInvokeError';
}

/**
 * One execution environment: a plain `node` process holding the bundle, with only the
 * environment the template gives the function, Lambda's own variables, and `endpoints` (the
 * SDK's `AWS_ENDPOINT_URL_*` variables pointing at the local engines).
 */
export async function startLambda(
  spec: FunctionSpec,
  bundle: string,
  region: string,
  endpoints: Record<string, string>,
): Promise<LambdaInstance> {
  const child: ChildProcess = fork(
    HOST,
    [bundle, spec.handlerExport, String(spec.timeoutSeconds)],
    {
      cwd: path.dirname(bundle),
      execArgv: [],
      env: { ...spec.environment, ...lambdaVariables(spec, region), ...endpoints },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  const logs: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));

  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  const [first] = (await once(child, 'message')) as [
    { type: string; initMs?: number; message?: string },
  ];
  if (first.type !== 'ready') {
    throw new LambdaInvokeError(`${spec.name} failed at init: ${first.message}\n${logs.join('')}`);
  }
  child.on(
    'message',
    (message: { type: string; id: number; result?: unknown; message?: string; name?: string }) => {
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.type === 'result') waiter.resolve(message.result);
      else waiter.reject(new LambdaInvokeError(`${message.name}: ${message.message}`));
    },
  );
  child.on('exit', (code) => {
    for (const waiter of pending.values()) {
      waiter.reject(new LambdaInvokeError(`${spec.name} exited (code ${code})\n${logs.join('')}`));
    }
    pending.clear();
  });
  return {
    initMs: first.initMs ?? 0,
    logs,
    invoke: (event) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        child.send({ type: 'invoke', id, event });
      }),
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill();
      await once(child, 'exit');
    },
  };
}

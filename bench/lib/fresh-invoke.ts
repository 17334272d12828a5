import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as z from 'zod/mini';

const run = promisify(execFile);
const MARK = 'mend-bench-timing ';

/**
 * Runs in the fresh process. The clock starts just before `import()`, after the events are parsed,
 * so that only the bundle's own load and its handler's work are timed; nothing before it touches
 * a module the bundle might need (not even the global `crypto`), so the bundle pays for all of
 * them. The context is what Lambda passes a function, its remaining time counting down.
 */
const CHILD = `
const [url, eventsJson, timeoutMs] = process.argv.slice(1);
const events = JSON.parse(eventsJson);
const deadline = Date.now() + Number(timeoutMs);
const context = {
  functionName: 'mend-bench', functionVersion: '$LATEST', memoryLimitInMB: '512',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:mend-bench',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef', logGroupName: '/aws/lambda/mend-bench',
  logStreamName: 'bench', callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => deadline - Date.now(),
};
const started = performance.now();
const bundle = await import(url);
const loadMs = performance.now() - started;
const invocationsMs = [];
const answers = [];
for (const event of events) {
  const invoked = performance.now();
  answers.push(await bundle.handler(event, context));
  invocationsMs.push(performance.now() - invoked);
}
console.log('\\n${MARK}' + JSON.stringify({ loadMs, invocationsMs, answers }));
// Keep-alive sockets to the engines would otherwise hold the process open for a while.
process.exit(0);
`;

const timing = z.object({
  loadMs: z.number(),
  /** Each invocation's own time, in order: the first pays the clients' lazy set-up. */
  invocationsMs: z.array(z.number()),
  answers: z.array(z.unknown()),
});
export type FreshTiming = z.infer<typeof timing>;

export interface Invocation {
  /** Invoked one after another in the same process: a cold invocation, then warm ones. */
  events: unknown[];
  /** The function's timeout, for the context's `getRemainingTimeInMillis`. */
  timeoutMs: number;
}

/**
 * Imports a bundle in a fresh `node`, as a Lambda cold start does, and invokes its handler with
 * each event in turn. Returns the load time, each invocation's time and its answer. The process gets only `env`: the parent's would carry this run's
 * tooling (test runner and loader settings) into a process that should hold the bundle alone.
 */
export async function invokeFresh(
  bundleFile: string,
  env: Record<string, string>,
  invocation?: Invocation,
): Promise<FreshTiming> {
  const args = [
    '--input-type=module',
    '-e',
    CHILD,
    pathToFileURL(bundleFile).href,
    JSON.stringify(invocation?.events ?? []),
    String(invocation?.timeoutMs ?? 0),
  ];
  const { stdout } = await run(process.execPath, args, {
    env,
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = stdout.split('\n').find((l) => l.startsWith(MARK));
  if (!line) throw new Error(`no timing from ${bundleFile}: ${stdout.slice(-500)}`);
  return timing.parse(JSON.parse(line.slice(MARK.length)));
}

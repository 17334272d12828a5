import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchApi } from './api';
import { benchColdStart } from './cold-start';
import { benchDispatchScaling } from './dispatch-scaling';
import { benchDispatcherCost } from './dispatcher-cost';
import { ratioChart } from './lib/chart';
import { type BenchResult, parseOptions, printResults } from './lib/report';
import { benchRender } from './render';
import { benchSendRate } from './send-rate';

/** `npm run bench`: every benchmark in one run, a table, and docs/benchmarks.md with a chart. */
const options = parseOptions();
const DOCS = path.resolve(import.meta.dirname, '../docs');
const started = Date.now();
const suites = [
  ['render', benchRender],
  ['cold start', benchColdStart],
  ['dispatcher cost', benchDispatcherCost],
  ['dispatcher scaling', benchDispatchScaling],
  ['send rate', benchSendRate],
  ['API', benchApi],
] as const;

const results: BenchResult[] = [];
for (const [index, [name, suite]] of suites.entries()) {
  console.log(`[${index + 1}/${suites.length}] ${name}…`);
  results.push(...(await suite(options)));
}
console.log('');
printResults(results);
const seconds = Math.round((Date.now() - started) / 1000);
console.log(
  `\n${results.filter((r) => r.met).length} of ${results.length} targets met in ${seconds} s`,
);

if (!options.quick) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const table = results
    .map(
      (r) =>
        `| ${r.name} | ${r.figure}${r.notes ? `<br>${r.notes}` : ''} | ${r.target} | ${r.met ? 'met' : '**missed**'} |`,
    )
    .join('\n');
  await writeFile(path.join(DOCS, 'benchmarks.svg'), ratioChart(results));
  await writeFile(
    path.join(DOCS, 'benchmarks.json'),
    `${JSON.stringify(
      {
        measuredOn: new Date().toISOString().slice(0, 10),
        ...Object.assign({}, ...results.map((result) => result.data ?? {})),
      },
      null,
      2,
    )}\n`,
  );
  await writeFile(
    path.join(DOCS, 'benchmarks.md'),
    `# Benchmarks

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}. Every figure is taken in one run, against the local engines (dynalite and aws-ses-v2-local on loopback, in a process of their own, as DynamoDB and SES are services of their own); the API's load generator runs in a third process. Ratios between things measured side by side hold on a noisy machine; rates and latencies under load depend on how much of the machine was free, so those rows say how busy it was. Cold start is set against a reference built the same way: a bare Hono app with the same AWS SDK clients ([bench/fixtures/sdk-lambda.ts](../bench/fixtures/sdk-lambda.ts)). The whole run took ${seconds} s. How to run each one alone: [bench/README.md](../bench/README.md).

![Measured against target](benchmarks.svg)

| what | measured | target | |
| --- | --- | --- | --- |
${table}

## Where targets are missed, and why

${
  results
    .filter((r) => !r.met)
    .map((r) => `- **${r.name}**: ${r.figure}. See the notes below.`)
    .join('\n') || 'None.'
}

Notes on the misses, and the trade against the hand-written client the SDK replaced, are kept by hand in [benchmarks-notes.md](benchmarks-notes.md).
`,
  );
  console.log('wrote docs/benchmarks.md, .svg and .json');
}

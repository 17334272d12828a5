import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ASSUMPTIONS, estimateMonthlyCost } from './cost/estimate';
import { PRICES } from './cost/prices';
import { inventoryOf } from './cost/stack-inventory';
import { synthTemplate } from './cost/synth-template';

const ROOT = path.resolve(import.meta.dirname, '..');

const USAGE = `Usage: npm run cost -- --subscribers <n> [--cadence <days>] [--monitoring essential|full]
                     [--interval <minutes>] [--encryption aws-managed|customer-managed]

Prints the monthly AWS bill of a Mend stack, line by line, at US East list prices without free
tiers: the stack is synthesized from this checkout's settings (mend.config.json, then the options
above), and the per-email cost is the one \`npm run bench\` measured (docs/benchmarks.json).`;

const options = z.object({
  subscribers: z.coerce.number().int().min(1).max(10_000_000),
  cadence: z.coerce.number().int().min(1).max(14).optional(),
  monitoring: z.enum(['essential', 'full']).optional(),
  interval: z.coerce.number().int().optional(),
  encryption: z.enum(['aws-managed', 'customer-managed']).optional(),
});

const benchFile = z.object({
  measuredOn: z.string(),
  dispatcherPerEmail: z.object({
    readUnits: z.number().nonnegative(),
    writeUnits: z.number().nonnegative(),
    lambdaGbSeconds: z.number().nonnegative(),
  }),
});

const course = z.object({ defaultCadenceDays: z.number(), stages: z.array(z.unknown()) });

function main(): number {
  const { values } = parseArgs({
    options: {
      subscribers: { type: 'string' },
      cadence: { type: 'string' },
      monitoring: { type: 'string' },
      interval: { type: 'string' },
      encryption: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const parsed = options.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
    console.error(`\n${USAGE}`);
    return 2;
  }
  const args = parsed.data;
  const { config, template } = synthTemplate({
    ...(args.monitoring && { monitoring: args.monitoring }),
    ...(args.interval && { dispatchIntervalMinutes: String(args.interval) }),
    ...(args.encryption && { encryptionKey: args.encryption }),
  });
  const manifest = course.parse(
    JSON.parse(
      readFileSync(
        path.join(
          ROOT,
          'templates/courses',
          config.defaultCourseId ?? 'repair-reconnect',
          'course.json',
        ),
        'utf8',
      ),
    ),
  );
  const bench = benchFile.parse(
    JSON.parse(readFileSync(path.join(ROOT, 'docs/benchmarks.json'), 'utf8')),
  );
  const cadenceDays = args.cadence ?? manifest.defaultCadenceDays;
  const { lines, total } = estimateMonthlyCost(
    inventoryOf(template as Parameters<typeof inventoryOf>[0]),
    { subscribers: args.subscribers, cadenceDays, stagesPerCourse: manifest.stages.length },
    {
      measuredOn: bench.measuredOn,
      readUnitsPerEmail: bench.dispatcherPerEmail.readUnits,
      writeUnitsPerEmail: bench.dispatcherPerEmail.writeUnits,
      dispatcherGbSecondsPerEmail: bench.dispatcherPerEmail.lambdaGbSeconds,
    },
    PRICES,
  );
  const width = Math.max(...lines.map((line) => line.service.length));
  console.log(
    `Mend ${config.stage}, ${args.subscribers.toLocaleString('en')} active subscribers, a stage every ${cadenceDays} days, ${config.monitoring} monitoring`,
  );
  console.log(
    `${PRICES.region} list prices as of ${PRICES.asOf}, no free tier; per-email cost measured ${bench.measuredOn}\n`,
  );
  for (const line of lines) {
    console.log(
      `  ${line.service.padEnd(width)}  $${line.monthly.toFixed(2).padStart(7)}  ${line.item}`,
    );
  }
  console.log(`  ${'total'.padEnd(width)}  $${total.toFixed(2).padStart(7)}  a month`);
  console.log(
    `\nAssumptions (scripts/cost/estimate.ts): ${ASSUMPTIONS.pageRequestsPerEmail} page requests per email, ${ASSUMPTIONS.apiSecondsPerRequest * 1000} ms per api request, a cold start per function every ${60 / ASSUMPTIONS.coldStartsPerFunctionPerHour} minutes.`,
  );
  return 0;
}

process.exitCode = main();

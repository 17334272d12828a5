import type { LambdaContext } from 'hono/aws-lambda';
import * as z from 'zod/mini';
import { readEnv } from '../config/env';
import { bundledCatalog } from '../courses/bundled-catalog';
import { runDispatch } from '../dispatcher/run-dispatch';
import { embeddedMetrics } from '../dispatcher/run-metrics';
import { buildContext } from '../runtime/build-context';
import { loadSigningSecret } from '../runtime/signing-secret';

const env = readEnv();
const ctx = buildContext(env, await loadSigningSecret(env), bundledCatalog());

/** Leave this much of the invocation for the last sends to finish and the summary to be logged. */
const SAFETY_MARGIN_MS = 30_000;

/** A scheduled invocation carries nothing we need; anything else is refused, not guessed at. */
const scheduledEvent = z.optional(z.looseObject({}));

export async function handler(
  event: unknown,
  context: Pick<LambdaContext, 'getRemainingTimeInMillis'>,
) {
  scheduledEvent.parse(event);
  return runDispatch(ctx, {
    timeBudgetMs: Math.max(5_000, context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS),
    emitMetrics: (summary) => console.log(embeddedMetrics(summary, new Date())),
  });
}

import type { LambdaContext } from 'hono/aws-lambda';
import * as z from 'zod/mini';
import { readEnv } from '../config/env';
import { bundledCatalog } from '../courses/bundled-catalog';
import { runDispatch } from '../dispatcher/run-dispatch';
import { dispatcherMetrics, recordRun } from '../dispatcher/run-metrics';
import { failIfSendingBlocked } from '../dispatcher/sending-blocked';
import { type InvocationContext, lambdaLogger } from '../log';
import { buildContext } from '../runtime/build-context';
import { loadSigningSecret } from '../runtime/signing-secret';

const env = readEnv();
const log = lambdaLogger('dispatcher');
const ctx = buildContext(env, await loadSigningSecret(env), bundledCatalog(), { log });
const metrics = env.CUSTOM_METRICS === 'on' ? dispatcherMetrics(env.STAGE) : undefined;

/** Leave this much of the invocation for the last sends to finish and the summary to be logged. */
const SAFETY_MARGIN_MS = 30_000;

/** A scheduled invocation carries nothing we need; anything else is refused, not guessed at. */
const scheduledEvent = z.optional(z.looseObject({}));

export async function handler(
  event: unknown,
  context: Pick<LambdaContext, 'getRemainingTimeInMillis'> & Partial<InvocationContext>,
) {
  if (context.awsRequestId) log.addContext(context as InvocationContext);
  scheduledEvent.parse(event);
  const summary = await runDispatch(ctx, {
    timeBudgetMs: Math.max(5_000, context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS),
    emitMetrics:
      metrics &&
      ((summary) => {
        recordRun(metrics, summary);
        metrics.publishStoredMetrics();
      }),
  });
  return failIfSendingBlocked(summary);
}

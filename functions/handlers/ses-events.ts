import { readEnv } from '../config/env';
import { type InvocationContext, lambdaLogger } from '../log';
import { buildCoreContext } from '../runtime/build-context';
import { loadSigningSecret } from '../runtime/signing-secret';
import { handleSesEvent } from '../ses-events/handle-ses-event';

const env = readEnv();
const log = lambdaLogger('ses-events');
const ctx = buildCoreContext(env, await loadSigningSecret(env), { log });

/** SES bounce, complaint and reject events, from EventBridge (or SNS, for older setups). */
export async function handler(event: unknown, context?: InvocationContext) {
  if (context) log.addContext(context);
  return handleSesEvent(ctx, event);
}

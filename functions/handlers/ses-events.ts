import { readEnv } from '../config/env';
import { buildCoreContext } from '../runtime/build-context';
import { loadSigningSecret } from '../runtime/signing-secret';
import { handleSesEvent } from '../ses-events/handle-ses-event';

const env = readEnv();
const ctx = buildCoreContext(env, await loadSigningSecret(env));

/** SES bounce, complaint, delivery and reject notifications, through SNS or EventBridge. */
export async function handler(event: unknown) {
  return handleSesEvent(ctx, event);
}

import { readEnv } from '../config/env';
import { buildContext } from '../runtime/build-context';
import { loadSigningSecret } from '../runtime/signing-secret';
import { handleSesEvent } from '../ses-events/handle-ses-event';

const env = readEnv();
const ctx = buildContext(env, await loadSigningSecret(env));

/** SES bounce, complaint, delivery and reject notifications, through SNS or EventBridge. */
export async function handler(event: unknown) {
  return handleSesEvent(ctx, event);
}

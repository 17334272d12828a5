import { handle } from 'hono/aws-lambda';
import { createApp } from '../app/create-app';
import { readEnv } from '../config/env';
import { apiCatalog } from '../courses/api-catalog';
import { type InvocationContext, lambdaLogger } from '../log';
import { buildContext } from '../runtime/build-context';
import { loadSigningSecret } from '../runtime/signing-secret';

const env = readEnv();
const log = lambdaLogger('api');
const ctx = buildContext(env, await loadSigningSecret(env), apiCatalog(), { log });
const respond = handle(createApp(ctx, { baseUrl: env.BASE_URL }));

/** Hono's Lambda adapter, with each invocation's request id added to the log lines. */
export const handler: typeof respond = (event, context) => {
  if (context) log.addContext(context as unknown as InvocationContext);
  return respond(event, context);
};

import { handle } from 'hono/aws-lambda';
import { createApp } from '../app/create-app';
import { readEnv } from '../config/env';
import { apiCatalog } from '../courses/api-catalog';
import { buildContext } from '../runtime/build-context';
import { loadSigningSecret } from '../runtime/signing-secret';

const env = readEnv();
const ctx = buildContext(env, await loadSigningSecret(env), apiCatalog());

export const handler = handle(createApp(ctx, { baseUrl: env.BASE_URL }));

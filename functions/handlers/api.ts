import { handle } from 'hono/aws-lambda';
import { createApp } from '../app/create-app';
import { readEnv } from '../config/env';
import { bundledCatalog } from '../courses/bundled-catalog';
import { buildContext } from '../runtime/build-context';
import { loadSigningSecret } from '../runtime/signing-secret';

const env = readEnv();
const ctx = buildContext(env, await loadSigningSecret(env), bundledCatalog());

export const handler = handle(createApp(ctx, { baseUrl: env.BASE_URL }));

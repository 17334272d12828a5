import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { documentedRoutes, GENERATED_FOR } from '../functions/app/api-docs';
import { apiGroup } from '../functions/app/api-group';
import { MailTiming } from '../functions/app/mail-timing';
import { openApiDocument } from '../functions/app/openapi';
import { compressJson } from '../functions/runtime/brotli-json';
import type { ServiceContext } from '../functions/services/context';

/**
 * The OpenAPI document of `/api`, from its routes as the app mounts them. Building the routes
 * touches none of the context (handlers read it per request), so an empty one stands in.
 */
export function buildOpenApi() {
  const api = apiGroup({} as ServiceContext, GENERATED_FOR.baseUrl, new MailTiming());
  return openApiDocument(
    GENERATED_FOR.baseUrl,
    '/api',
    documentedRoutes(api),
    GENERATED_FOR.cookieName,
  );
}

export async function writeOpenApi(outDir: string): Promise<string> {
  const document = buildOpenApi();
  const written = JSON.stringify(compressJson(document));
  await writeFile(path.join(outDir, 'openapi.json'), written);
  const kilobytes = (text: string) => `${Math.round(Buffer.byteLength(text) / 1024)} KB`;
  return `OpenAPI document ${kilobytes(JSON.stringify(document))} (${kilobytes(written)} compressed)`;
}

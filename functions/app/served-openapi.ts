import generated from '../generated/openapi.json' with { type: 'json' };
import { inflateJson } from '../runtime/brotli-json';
import type { openApiDocument } from './openapi';

type OpenApiDocument = ReturnType<typeof openApiDocument>;

/**
 * The OpenAPI document written at build time from the API's own routes and zod schemas
 * (`scripts/build-openapi.ts`, compressed), with this deployment's address and session cookie
 * name. Inflated on the first request for it, not at cold start.
 */
export function servedOpenApi(baseUrl: string, cookieName: string): () => OpenApiDocument {
  let document: OpenApiDocument | undefined;
  return () => {
    if (document) return document;
    const built = inflateJson<OpenApiDocument>(generated);
    const { components } = built;
    document = {
      ...built,
      servers: [{ url: baseUrl }],
      components: {
        ...components,
        securitySchemes: {
          ...components.securitySchemes,
          session: { ...components.securitySchemes.session, name: cookieName },
        },
      },
    };
    return document;
  };
}

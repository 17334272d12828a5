import * as z from 'zod/mini';
import type { Auth, DocumentedRoute, Operation } from './api-docs';
import { errorBody } from './openapi-schemas';

type SchemaObject = Record<string, unknown>;

const ERROR_TEXT: Record<number, string> = {
  400: 'Validation failed; `details` names each field.',
  401: 'Missing, invalid, expired or revoked credentials.',
  403: 'Sent from another site’s page.',
  404: 'Not found, or not in your practice.',
  409: 'The change does not fit the enrollment’s state, or the client exists.',
  413: 'The body is too large.',
  415: 'Wrong Content-Type.',
  429: 'Rate limited.',
};

const ID_TEXT = 'The client’s or key’s id.';

const SECURITY: Record<Auth, Record<string, string[]>[]> = {
  none: [],
  session: [{ session: [] }],
  practice: [{ apiKey: [] }, { session: [] }],
};

/**
 * A zod schema as an OpenAPI 3.0 schema object, read as input: an object that is not strict stays
 * open to more keys, where `output` would close every one with `additionalProperties: false`.
 */
function schemaObject(schema: z.core.$ZodType): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as SchemaObject;
}

function jsonContent(schema: z.core.$ZodType) {
  return { 'application/json': { schema: schemaObject(schema) } };
}

function requestBody(body: NonNullable<Operation['body']>) {
  if (body.type === 'csv') {
    return {
      required: true,
      content: { 'text/csv': { schema: { type: 'string', description: body.description } } },
    };
  }
  return { required: body.optional !== true, content: jsonContent(body.schema) };
}

function responses(op: Operation) {
  const byStatus: Record<string, { description: string; content: ReturnType<typeof jsonContent> }> =
    {};
  for (const ok of op.ok) {
    byStatus[ok.status] = { description: ok.description, content: jsonContent(ok.schema) };
  }
  for (const status of op.errors) {
    byStatus[status] = {
      description: ERROR_TEXT[status] ?? 'Error',
      content: jsonContent(errorBody),
    };
  }
  return byStatus;
}

/** `/clients/:id{[\w-]{22}}` → `/clients/{id}`, and the parameters it names. */
function openApiPath(path: string) {
  const names: string[] = [];
  const converted = path.replace(/:(\w+)(\{[^/]*\})?/g, (_, name: string) => {
    names.push(name);
    return `{${name}}`;
  });
  return { path: converted, names };
}

function operationObject(op: Operation, parameters: string[]) {
  return {
    summary: op.summary,
    security: SECURITY[op.auth],
    ...(parameters.length > 0
      ? {
          parameters: parameters.map((name) => ({
            name,
            in: 'path',
            required: true,
            description: ID_TEXT,
            schema: { type: 'string', description: ID_TEXT },
          })),
        }
      : {}),
    ...(op.body ? { requestBody: requestBody(op.body) } : {}),
    responses: responses(op),
  };
}

/**
 * The OpenAPI 3 description of the JSON API, generated from its routes (`documented`) and the zod
 * schemas they validate with, so it cannot drift from what the API accepts.
 */
export function openApiDocument(
  baseUrl: string,
  mountedAt: string,
  routes: DocumentedRoute[],
  sessionCookieName: string,
) {
  const paths: Record<string, Record<string, ReturnType<typeof operationObject>>> = {};
  for (const route of routes) {
    const { path, names } = openApiPath(`${mountedAt}${route.path}`);
    paths[path] = { ...paths[path], [route.method]: operationObject(route.operation, names) };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Mend API',
      version: '1.0.0',
      description:
        'Sign-ups, practitioner sign-in, API keys and a practice’s clients. Errors are JSON: {"error":{"code","message","details?"}}.',
    },
    servers: [{ url: baseUrl }],
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key from POST /api/keys: mend_<practiceId>_<keyId>_<secret>.',
        },
        session: { type: 'apiKey', in: 'cookie', name: sessionCookieName },
      },
    },
    paths,
  };
}

import * as z from 'zod/mini';
import { type Auth, ERROR_TEXT, OPERATIONS, type Operation } from './openapi-operations';
import { errorBody } from './openapi-schemas';

type SchemaObject = Record<string, unknown>;

const ID_PARAMETER = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The client’s or key’s id.',
  schema: { type: 'string', description: 'The client’s or key’s id.' },
};

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

function operationObject(op: Operation) {
  return {
    summary: op.summary,
    security: SECURITY[op.auth],
    ...(op.path.includes('{id}') ? { parameters: [ID_PARAMETER] } : {}),
    ...(op.body ? { requestBody: requestBody(op.body) } : {}),
    responses: responses(op),
  };
}

/** The OpenAPI 3 description of `/api/*`, generated from the zod schemas. */
export function openApiDocument(baseUrl: string) {
  const paths: Record<string, Record<string, ReturnType<typeof operationObject>>> = {};
  for (const op of OPERATIONS) {
    paths[op.path] = { ...paths[op.path], [op.method]: operationObject(op) };
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
        session: { type: 'apiKey', in: 'cookie', name: 'mend_session' },
      },
    },
    paths,
  };
}

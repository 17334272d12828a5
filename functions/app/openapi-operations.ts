import * as z from 'zod/mini';
import { enrollClientSchema } from '../services/enroll-client';
import { loginRequestSchema } from '../services/practitioner-auth';
import { subscriptionSchema } from '../services/subscribe';
import {
  apiKeySummary,
  clientDetailBody,
  clientPatchSchema,
  clientRow,
  createApiKeySchema,
  createdApiKey,
  enrollResult,
  importReportBody,
} from './openapi-schemas';

type Method = 'get' | 'post' | 'patch' | 'delete';
export type Auth = 'none' | 'session' | 'practice';

export interface Operation {
  method: Method;
  path: string;
  summary: string;
  auth: Auth;
  /** `optional` when an empty body is accepted too. */
  body?:
    | { type: 'json'; schema: z.ZodMiniType; optional?: true }
    | { type: 'csv'; description: string };
  ok: { status: number; description: string; schema: z.ZodMiniType }[];
  errors: number[];
}

export const ERROR_TEXT: Record<number, string> = {
  400: 'Validation failed; `details` names each field.',
  401: 'Missing, invalid or revoked credentials.',
  404: 'Not found, or not in your practice.',
  409: 'The change does not fit the enrollment’s state.',
  413: 'The body is too large.',
  415: 'Wrong Content-Type.',
  429: 'Rate limited.',
};

/**
 * Every `/api/*` route. The request schemas are the very ones the handlers validate with, so the
 * document cannot drift from what the API accepts.
 */
export const OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/api/subscriptions',
    summary: 'Start a sign-up; the same answer whether or not the address is known.',
    auth: 'none',
    body: { type: 'json', schema: subscriptionSchema },
    ok: [
      { status: 202, description: 'Pending', schema: z.object({ status: z.literal('pending') }) },
    ],
    errors: [400, 415, 429],
  },
  {
    method: 'post',
    path: '/api/practitioners/login',
    summary: 'Email a one-use sign-in link to a practitioner.',
    auth: 'none',
    body: { type: 'json', schema: loginRequestSchema },
    ok: [{ status: 202, description: 'Sent', schema: z.object({ status: z.literal('sent') }) }],
    errors: [400, 415, 429],
  },
  {
    method: 'post',
    path: '/api/keys',
    summary: 'Create an API key (signed-in practitioners only). The key is shown once.',
    auth: 'session',
    body: { type: 'json', schema: createApiKeySchema, optional: true },
    ok: [{ status: 201, description: 'Created', schema: createdApiKey }],
    errors: [401, 415],
  },
  {
    method: 'get',
    path: '/api/keys',
    summary: 'List the practice’s API keys by prefix; never the key or its hash.',
    auth: 'session',
    ok: [{ status: 200, description: 'Keys', schema: z.object({ keys: z.array(apiKeySummary) }) }],
    errors: [401],
  },
  {
    method: 'delete',
    path: '/api/keys/{id}',
    summary: 'Revoke an API key; it stops working at once.',
    auth: 'session',
    ok: [
      {
        status: 200,
        description: 'Revoked',
        schema: z.object({ id: z.string(), revoked: z.literal(true) }),
      },
    ],
    errors: [401, 404],
  },
  {
    method: 'post',
    path: '/api/clients',
    summary: 'Enroll a client: they get an invitation needing their consent.',
    auth: 'practice',
    body: { type: 'json', schema: enrollClientSchema },
    ok: [
      { status: 201, description: 'Invited', schema: enrollResult },
      {
        status: 200,
        description: 'Already enrolled in this practice: nothing changed',
        schema: enrollResult,
      },
    ],
    errors: [400, 401, 415, 429],
  },
  {
    method: 'post',
    path: '/api/clients/import',
    summary:
      'Enroll up to 1,000 clients from CSV (header email,name,cadenceDays,startDate); a per-row report. A re-upload adds no one twice.',
    auth: 'practice',
    body: {
      type: 'csv',
      description: 'email,name,cadenceDays,startDate, then one client a row (RFC 4180 quoting).',
    },
    ok: [{ status: 200, description: 'Report', schema: importReportBody }],
    errors: [400, 401, 413, 415],
  },
  {
    method: 'get',
    path: '/api/clients',
    summary: 'List the practice’s clients with progress.',
    auth: 'practice',
    ok: [
      { status: 200, description: 'Clients', schema: z.object({ clients: z.array(clientRow) }) },
    ],
    errors: [401],
  },
  {
    method: 'get',
    path: '/api/clients/{id}',
    summary: 'One client with the answers they shared (never the others).',
    auth: 'practice',
    ok: [{ status: 200, description: 'Client', schema: clientDetailBody }],
    errors: [401, 404],
  },
  {
    method: 'patch',
    path: '/api/clients/{id}',
    summary: 'Pause, resume or re-pace a client’s enrollment.',
    auth: 'practice',
    body: { type: 'json', schema: clientPatchSchema },
    ok: [{ status: 200, description: 'Updated', schema: clientRow }],
    errors: [400, 401, 404, 409, 415],
  },
  {
    method: 'delete',
    path: '/api/clients/{id}',
    summary: 'End a client’s enrollment; the client is told by email.',
    auth: 'practice',
    ok: [{ status: 200, description: 'Ended', schema: clientRow }],
    errors: [401, 404, 409],
  },
];

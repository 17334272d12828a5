import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS } from '../../functions/local/local-credentials';
import {
  type LocalRuntime,
  type LocalRuntimeOptions,
  startLocalRuntime,
} from '../../functions/local/local-runtime';
import type { OutboxEmail } from '../../functions/local/outbox';
import { createDocumentClient } from '../../functions/store/dynamo-client';
import { memoryLogger } from './memory-logger';

export interface Harness extends LocalRuntime {
  logs: ReturnType<typeof memoryLogger>['lines'];
  outbox(): Promise<OutboxEmail[]>;
  /** The emails sent to `address`, oldest first. */
  mailTo(address: string): Promise<OutboxEmail[]>;
  /** A form post as a browser on our own page would send it. */
  postForm(path: string, fields?: Record<string, string>): Promise<Response>;
  postJson(path: string, body: unknown): Promise<Response>;
  /** A POST on a connection of its own, for bodies the server refuses before reading them. */
  postRaw(
    path: string,
    contentType: string,
    body: string,
  ): Promise<{ status: number; body: string }>;
  advanceHours(hours: number): Promise<void>;
  /** Every item in the table, for "nothing was stored" checks. Tests only: the product never scans. */
  tableItems(): Promise<Record<string, unknown>[]>;
}

/** The real local engines on free ports, isolated per test file, and the app served over HTTP. */
export async function startHarness(
  options: Pick<LocalRuntimeOptions, 'catalog' | 'wrapMailer' | 'env'> = {},
): Promise<Harness> {
  const log = memoryLogger();
  const runtime = await startLocalRuntime({
    port: 0,
    secret: randomBytes(32).toString('base64url'),
    log,
    ...options,
  });
  // aws-ses-v2-local keeps one store per process: start each harness with an empty outbox.
  await fetch(`${runtime.sesEndpoint}/clear-store`, { method: 'POST' });
  const db = createDocumentClient({
    endpoint: runtime.dynamoEndpoint,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
  const harness: Harness = {
    ...runtime,
    logs: log.lines,
    outbox: () => runtime.controls.outbox(),
    mailTo: async (address) =>
      (await runtime.controls.outbox()).filter((email) => email.to.includes(address)),
    postForm: (path, fields = {}) =>
      fetch(new URL(path, runtime.url), {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: runtime.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      }),
    postJson: (path, body) =>
      fetch(new URL(path, runtime.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    postRaw: (path, contentType, body) =>
      new Promise((resolve, reject) => {
        const request = httpRequest(new URL(path, runtime.url), {
          method: 'POST',
          agent: false,
          headers: { origin: runtime.url, 'content-type': contentType },
        });
        request.on('response', (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        });
        // The server may answer and close before taking the whole body; the answer is what counts.
        request.on('error', reject);
        request.end(body);
      }),
    advanceHours: async (hours) => {
      await runtime.controls.advanceClock(hours);
    },
    tableItems: async () => {
      const items: Record<string, unknown>[] = [];
      let cursor: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new ScanCommand({
            TableName: runtime.ctx.store.table.tableName,
            ExclusiveStartKey: cursor,
          }),
        );
        items.push(...(page.Items ?? []));
        cursor = page.LastEvaluatedKey;
      } while (cursor);
      return items;
    },
  };
  return harness;
}

/** Links of one kind in an email's text part, in order. */
export function linksIn(text: string, kind: string): string[] {
  return [...text.matchAll(new RegExp(`https?://\\S+/${kind}/[A-Za-z0-9_.-]+`, 'g'))].map(
    (match) => match[0],
  );
}

export function firstLink(text: string, kind: string): string {
  const [link] = linksIn(text, kind);
  if (!link) throw new Error(`no ${kind} link in:\n${text}`);
  return link;
}

export function pathOf(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}

import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { DispatchSummary } from '../../dispatcher/run-dispatch';
import { NotFoundError } from '../../domain/errors';
import type { OutboxEmail } from '../../local/outbox';
import type { SesEventSummary } from '../../ses-events/handle-ses-event';
import { outboxPage } from '../pages/outbox-page';
import { parseWith, readJson } from '../parse-input';

/** What local mode lets a developer do; the deployed stack never mounts these routes. */
export interface LocalControls {
  outbox(): Promise<OutboxEmail[]>;
  now(): Date;
  /** Moves the local clock on, then runs the dispatcher once. */
  advanceClock(hours: number): Promise<{ now: Date; dispatch: DispatchSummary }>;
  /** Runs the dispatcher once at the current local time. */
  dispatch(): Promise<DispatchSummary>;
  /** Feeds an SES notification to the real handler. */
  sesEvent(event: unknown): Promise<SesEventSummary>;
}

const clockSchema = z.strictObject({
  advanceHours: z.number().check(z.minimum(0), z.maximum(24 * 366)),
});

export function localRoutes(local: LocalControls): Hono {
  const app = new Hono();

  app.get('/outbox', async (c) => c.json(await local.outbox()));
  app.get('/outbox/view', async (c) => c.html(outboxPage(await local.outbox(), local.now())));
  app.get('/outbox/:id', async (c) => {
    const email = (await local.outbox()).find((candidate) => candidate.id === c.req.param('id'));
    if (!email) throw new NotFoundError('No such email in the outbox.');
    // The one response with its own policy: an email's inline styles need a looser one than our
    // pages, scripts stay off, and the outbox page may frame it (and so says X-Frame-Options).
    c.header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
    );
    c.header('x-frame-options', 'SAMEORIGIN');
    return c.html(email.html);
  });
  app.post('/clock', async (c) => {
    const { advanceHours } = parseWith(clockSchema, await readJson(c));
    const { now, dispatch } = await local.advanceClock(advanceHours);
    return c.json({ now: now.toISOString(), dispatch });
  });
  app.post('/dispatch', async (c) => c.json(await local.dispatch()));
  app.post('/ses-event', async (c) => c.json(await local.sesEvent(await readJson(c))));

  return app;
}

import { Hono } from 'hono';
import { ConflictError, ValidationError } from '../../domain/errors';
import { applyClientAction, clientActionSchema } from '../../services/client-actions';
import type { ServiceContext } from '../../services/context';
import { enrollClient, enrollClientSchema } from '../../services/enroll-client';
import { enrollPair, enrollPairSchema } from '../../services/enroll-pair';
import { clientDetail, listClientRows } from '../../services/practice-clients';
import { type PracticeEnv, practiceOf } from '../middleware/practice-session';
import { clientPage, dashboardPage, type EnrollForm, PAIR } from '../pages/practice-pages';
import { fieldDetails, parseWith, readForm } from '../parse-input';
import { CLIENT_ID } from '../route-params';

const ENROLL_FIELDS = ['email', 'name', 'courseId', 'cadenceDays', 'paceByAnswers', 'startDate'];

/** The pair form as `enrollPairSchema`'s input; a field left empty is not given. */
function pairInput(form: Record<string, string>) {
  const given = (path: string) => form[PAIR + path] || undefined;
  return {
    clients: [0, 1].map((n) => ({
      email: given(`clients.${n}.email`),
      name: given(`clients.${n}.name`),
    })),
    courseId: given('courseId'),
    cadenceDays: given('cadenceDays'),
    paceByAnswers: given('paceByAnswers'),
  };
}

/** Each problem named by the pair form's field; one that is no field's, by the form. */
const onPairForm = (details: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(details).map(([path, message]) => [
      PAIR + (path === 'body' ? 'form' : path),
      message,
    ]),
  );

/** The practitioner's dashboard and client pages (`/practice…`); the group holds the session. */
export function practiceRoutes(ctx: ServiceContext): Hono<PracticeEnv> {
  const app = new Hono<PracticeEnv>();
  const enrollForm = (): EnrollForm => ({
    courses: ctx.catalog.ids().map((id) => ({ id, title: ctx.catalog.compiled(id).title })),
    defaultCadenceDays: ctx.catalog.course(ctx.defaultCourseId).defaultCadenceDays,
  });

  app.get('/', async (c) => {
    const practice = practiceOf(c);
    return c.html(
      dashboardPage(practice, await listClientRows(ctx, practice.practiceId), enrollForm()),
    );
  });

  app.post('/clients', async (c) => {
    const practice = practiceOf(c);
    const form = await readForm(c);
    const input = Object.fromEntries(
      ENROLL_FIELDS.filter((field) => form[field] !== undefined && form[field] !== '').map(
        (field) => [field, form[field]],
      ),
    );
    const parsed = enrollClientSchema.safeParse(input);
    const rows = () => listClientRows(ctx, practice.practiceId);
    if (!parsed.success) {
      return c.html(
        dashboardPage(practice, await rows(), enrollForm(), {
          details: fieldDetails(parsed.error),
          values: form,
        }),
        400,
      );
    }
    const { outcome } = await enrollClient(ctx, practice, parsed.data);
    return c.html(dashboardPage(practice, await rows(), enrollForm(), { enrolled: outcome }));
  });

  app.post('/clients/pair', async (c) => {
    const practice = practiceOf(c);
    const form = await readForm(c);
    const rows = () => listClientRows(ctx, practice.practiceId);
    const refused = async (details: Record<string, string>, status: 400 | 409) =>
      c.html(
        dashboardPage(practice, await rows(), enrollForm(), {
          pairDetails: onPairForm(details),
          pairValues: form,
        }),
        status,
      );
    const parsed = enrollPairSchema.safeParse(pairInput(form));
    if (!parsed.success) return refused(fieldDetails(parsed.error), 400);
    try {
      await enrollPair(ctx, practice, parsed.data);
    } catch (error) {
      // Two addresses alike or an unknown course (400), or a client already here (409).
      if (error instanceof ValidationError) return refused(error.details, 400);
      if (error instanceof ConflictError) return refused({ body: error.message }, 409);
      throw error;
    }
    return c.html(dashboardPage(practice, await rows(), enrollForm(), { paired: true }));
  });

  app.get(`/clients/${CLIENT_ID}`, async (c) => {
    const { row, stages, pair } = await clientDetail(
      ctx,
      practiceOf(c).practiceId,
      c.req.param('id'),
    );
    return c.html(
      clientPage(row, stages, c.req.query('saved') === '1' ? 'Saved.' : undefined, pair),
    );
  });

  app.post(`/clients/${CLIENT_ID}`, async (c) => {
    const practice = practiceOf(c);
    const clientId = c.req.param('id');
    await applyClientAction(
      ctx,
      practice,
      clientId,
      parseWith(clientActionSchema, await readForm(c)),
    );
    return c.redirect(`/practice/clients/${clientId}?saved=1`, 303);
  });

  return app;
}

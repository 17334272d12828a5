import { Hono } from 'hono';
import { applyClientAction, clientActionSchema } from '../../services/client-actions';
import type { ServiceContext } from '../../services/context';
import { enrollClient, enrollClientSchema } from '../../services/enroll-client';
import { clientDetail, listClientRows } from '../../services/practice-clients';
import { type PracticeEnv, practiceOf } from '../middleware/practice-session';
import { clientPage, dashboardPage, type EnrollForm } from '../pages/practice-pages';
import { fieldDetails, parseWith, readForm } from '../parse-input';
import { CLIENT_ID } from '../route-params';

const ENROLL_FIELDS = ['email', 'name', 'courseId', 'cadenceDays', 'paceByAnswers', 'startDate'];

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

  app.get(`/clients/${CLIENT_ID}`, async (c) => {
    const { row, stages } = await clientDetail(ctx, practiceOf(c).practiceId, c.req.param('id'));
    return c.html(clientPage(row, stages, c.req.query('saved') === '1' ? 'Saved.' : undefined));
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

import { Hono } from 'hono';
import type { ServiceContext } from '../../services/context';
import { applyManageAction, manageSchema } from '../../services/manage';
import { accessByToken, type SubscriberAccess } from '../../services/subscriber-access';
import { managePage } from '../pages/manage-page';
import { fieldDetails, readForm } from '../parse-input';

/** `GET/POST /manage/:token`: pause, resume, pace, hour and time zone. */
export function manageRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();

  async function render(
    access: SubscriberAccess,
    path: string,
    options: Parameters<typeof managePage>[3],
  ) {
    const { subscriberId, tokenVersion } = access.subscriber;
    const enrollments = await ctx.store.enrollments.listForSubscriber(subscriberId);
    return managePage(
      access.subscriber,
      enrollments
        .filter((enrollment) => ctx.catalog.has(enrollment.courseId))
        .map((enrollment) => {
          const course = ctx.catalog.course(enrollment.courseId);
          return { enrollment, courseTitle: course.title, stageCount: course.stages.length };
        }),
      {
        journalUrl: ctx.links.journal(subscriberId, tokenVersion),
        unsubscribeUrl: ctx.links.unsubscribe(subscriberId, tokenVersion),
        signOutUrl: `${path.replace(/\/$/, '')}/sign-out`,
      },
      options,
    );
  }

  app.get('/manage/:token', async (c) => {
    const access = await accessByToken(ctx, c.req.param('token'), 'manage');
    return c.html(await render(access, c.req.path, { saved: c.req.query('saved') === '1' }));
  });

  app.post('/manage/:token', async (c) => {
    const token = c.req.param('token');
    const access = await accessByToken(ctx, token, 'manage');
    const parsed = manageSchema.safeParse(await readForm(c));
    if (!parsed.success) {
      return c.html(await render(access, c.req.path, { details: fieldDetails(parsed.error) }), 400);
    }
    await applyManageAction(ctx, access, parsed.data);
    return c.redirect(`/manage/${token}?saved=1`, 303);
  });

  return app;
}

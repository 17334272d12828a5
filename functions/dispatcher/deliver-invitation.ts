import { displayName } from '../domain/person-name';
import type { PendingSignup } from '../domain/signup';
import { composeSystemEmail } from '../mail/compose-email';
import { classifySendFailure, retryDelayMs } from '../mail/send-failure';
import type { ServiceContext } from '../services/context';
import { AccountBlockedError, CLAIM_LEASE_MS, type DeliveryOutcome } from './deliver-stage';

/**
 * Emails one practitioner's invitation that an enrollment queued: claim → check → send → done.
 * Invitations go through the dispatcher so that enrolling many clients (a CSV import) only writes
 * to the table, and the emails follow at the send rate. An expired one is dropped unsent, and the
 * mail guard withholds one to somebody who must not be mailed.
 */
export async function deliverInvitation(
  ctx: ServiceContext,
  key: { subscriberId: string; nonce: string },
  now: Date,
): Promise<DeliveryOutcome> {
  const { subscriberId, nonce } = key;
  const signup = await ctx.store.signups.claimInvitation(
    subscriberId,
    nonce,
    now,
    new Date(now.getTime() + CLAIM_LEASE_MS),
  );
  if (!signup) return 'skipped';
  const expired = signup.expiresAt * 1000 <= now.getTime();
  // Whether this person may be mailed at all is the mail guard's to say (ctx.mailer), as for
  // every system email; here only what makes the invitation itself void.
  if (!(signup.invitation || signup.partner) || expired || !ctx.catalog.has(signup.courseId)) {
    await ctx.store.signups.invitationDone(subscriberId, nonce);
    ctx.log.info('invitation dropped, not sent', { subscriber: subscriberId });
    return 'skipped';
  }
  try {
    await ctx.mailer.send(invitationEmail(ctx, signup, now));
  } catch (error) {
    const failure = classifySendFailure(error);
    if (failure === 'account') {
      // Left claimed: the lease lapses and a later run tries again, as for a stage.
      throw new AccountBlockedError(error instanceof Error ? error.name : 'unknown', {
        cause: error,
      });
    }
    if (failure === 'rejected') {
      // SES refused the address: this invitation will not get through. The practitioner sees a
      // pending invitation that was never accepted, as for anyone who does not answer.
      await ctx.store.signups.invitationDone(subscriberId, nonce);
      return 'failed';
    }
    const attempts = (signup.sendAttempts ?? 0) + 1;
    await ctx.store.signups.retryInvitation(
      subscriberId,
      nonce,
      new Date(now.getTime() + retryDelayMs(attempts)),
    );
    return failure === 'configuration' ? 'misconfigured' : 'retried';
  }
  await ctx.store.signups.invitationDone(subscriberId, nonce);
  ctx.log.info('invitation sent', {
    practice: signup.invitation?.practiceId,
    subscriber: subscriberId,
  });
  return 'sent';
}

/**
 * A practitioner's invitation, or a partner's. A partner's note never goes into the email (it
 * would be anyone's words under our name); the email only says there is one, on the page.
 */
function invitationEmail(ctx: ServiceContext, signup: PendingSignup, now: Date) {
  const to = { email: signup.email, firstName: signup.firstName };
  const confirmUrl = ctx.links.confirm(
    signup.subscriberId,
    signup.nonce,
    now,
    signup.expiresAt * 1000 - now.getTime(),
  );
  const courseTitle = ctx.catalog.compiled(signup.courseId).title;
  if (signup.invitation) {
    const { practitionerName } = signup.invitation;
    return composeSystemEmail(ctx.catalog, ctx.mail, 'invitation', to, {
      practitionerName,
      courseTitle,
      confirmUrl,
    });
  }
  return composeSystemEmail(ctx.catalog, ctx.mail, 'partner-invitation', to, {
    inviterName: displayName(signup.partner?.inviterName) ?? 'Someone',
    courseTitle,
    confirmUrl,
    noteLine: signup.partner?.note
      ? 'They added a short note, which you can read on the invitation’s page.'
      : '',
  });
}

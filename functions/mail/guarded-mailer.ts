import { mayReceive, type RecipientState } from '../domain/mail-policy';
import type { Logger } from '../log';
import type { Mailer, OutgoingEmail } from './mailer';

/** The message id of an email the guard kept back. */
export const WITHHELD = 'withheld';

/**
 * The one gate every system email passes (confirmations, sign-in links, invitations, notes):
 * it asks `lookup` about the recipient and withholds what `mayReceive` forbids, quietly, so
 * nothing outside can tell a withheld email from a sent one. Course stages pass straight through:
 * the dispatcher checks the enrollment's status as it claims each one.
 */
export class GuardedMailer implements Mailer {
  constructor(
    private readonly inner: Mailer,
    private readonly lookup: (address: string) => Promise<RecipientState>,
    private readonly log: Logger,
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    if (email.kind && !mayReceive(email.kind, await this.lookup(email.to))) {
      this.log.info('system email withheld: the recipient must not be mailed', {
        kind: email.kind,
      });
      return { messageId: WITHHELD };
    }
    return this.inner.send(email);
  }
}

/**
 * Who may receive which system email. An address that bounced or complained gets nothing at
 * all. Someone who unsubscribed or erased their data gets only what they start themselves: the
 * confirmation when they sign up again, the farewell that confirms an erasure, and (unsubscribed
 * only) a sign-in link as a practitioner; never an invitation, a reminder or any other note.
 */
export interface RecipientState {
  /** They erased their data; a suppression marker remains. */
  erased: boolean;
  /** Their subscriber profile's status, when they have one. */
  status?: string;
}

/** The system emails each kind of recipient may still receive. */
const ALLOWED_AFTER: Record<'unsubscribed' | 'erased', ReadonlySet<string>> = {
  // They may sign up again (the confirmation is how) and use Mend as a practitioner.
  unsubscribed: new Set(['confirm', 'login', 'data-deleted']),
  // They may sign up again themselves, and are told their data is gone.
  erased: new Set(['confirm', 'data-deleted']),
};

/** Whether a system email of `kind` may go to someone in `state`. */
export function mayReceive(kind: string, state: RecipientState): boolean {
  if (state.status === 'bounced' || state.status === 'complained') return false;
  if (state.erased) return ALLOWED_AFTER.erased.has(kind);
  if (state.status === 'unsubscribed') return ALLOWED_AFTER.unsubscribed.has(kind);
  return true;
}

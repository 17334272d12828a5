import type { Perspective } from './course';

/** What a practitioner's invitation carries into the enrollment the client may accept. */
export interface Invitation {
  practiceId: string;
  practitionerName: string;
  cadenceDays: number;
  paceByAnswers: boolean;
  /** YYYY-MM-DD. */
  startDate: string;
}

/** What a subscriber's invitation of their partner carries to the invitee's page. */
export interface PartnerInvitation {
  /** The inviter's first name, if they gave a printable one; the invitee reads "someone" else. */
  inviterName?: string;
  /** A short note from the inviter, shown on the invitation's page, never in the email. */
  note?: string;
}

/**
 * A sign-up waiting for the confirmation link to be used, kept apart from the profile so that
 * typing someone else's address can never change their settings.
 */
export interface PendingSignup {
  subscriberId: string;
  nonce: string;
  email: string;
  firstName?: string;
  perspective: Perspective;
  timeZone: string;
  sendHour: number;
  courseId: string;
  /** Set when a practitioner invited this person rather than them signing up. */
  invitation?: Invitation;
  /** Set when this person is invited to take the course as one of a pair. */
  pairId?: string;
  /** Set when the other member of the pair (not a practice) invited them. */
  partner?: PartnerInvitation;
  createdAt: string;
  /** Failed attempts to send a queued invitation, for its backoff. */
  sendAttempts?: number;
  /** When the link stops working, in seconds since the epoch. */
  expiresAt: number;
}

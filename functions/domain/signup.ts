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
  createdAt: string;
  /** Failed attempts to send a queued invitation, for its backoff. */
  sendAttempts?: number;
  /** When the link stops working, in seconds since the epoch. */
  expiresAt: number;
}

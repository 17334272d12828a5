import type { Perspective } from './course';

export const subscriberStatuses = ['active', 'unsubscribed', 'bounced', 'complained'] as const;
export type SubscriberStatus = (typeof subscriberStatuses)[number];

/** A person who confirmed a sign-up: who they are and how they want to be written to. */
export interface Subscriber {
  subscriberId: string;
  email: string;
  firstName?: string;
  perspective: Perspective;
  timeZone: string;
  sendHour: number;
  status: SubscriberStatus;
  /** Every link carries the version it was made under; raising it revokes them all. */
  tokenVersion: number;
  createdAt: string;
  updatedAt: string;
}

/** What a confirmed sign-up sets on the profile. */
export type SubscriberPreferences = Pick<
  Subscriber,
  'email' | 'firstName' | 'perspective' | 'timeZone' | 'sendHour'
>;

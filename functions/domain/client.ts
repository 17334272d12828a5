/** A practice's record of a person it enrolled. */
export interface Client {
  practiceId: string;
  /** The client's id towards the practice. */
  subscriberId: string;
  /** Removed when the client deletes their data; the record stays so the practice sees why. */
  email?: string;
  name?: string;
  courseId: string;
  enrollmentId: string;
  cadenceDays: number;
  paceByAnswers: boolean;
  /** YYYY-MM-DD. */
  startDate: string;
  invitedAt: string;
  /** Set when the practice enrolled them as one of a pair: the pair it made. */
  pairId?: string;
  deletedAt?: string;
}

/** A person's answer to one question of one enrollment; editing it overwrites it. */
export interface Answer {
  enrollmentId: string;
  questionId: string;
  stageId: string;
  text: string;
  /** Shared with the practice that enrolled the person; never true without their choice. */
  shared: boolean;
  /** Shared with their partner; shown to them only once they shared theirs too (`reveal.ts`). */
  sharedWithPartner: boolean;
  createdAt: string;
  updatedAt: string;
}

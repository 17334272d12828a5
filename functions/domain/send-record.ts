/** One stage that went out to a person: their record of what reached them, and when. */
export interface SendRecord {
  enrollmentId: string;
  stageIndex: number;
  stageId: string;
  sentAt: string;
  messageId: string;
}

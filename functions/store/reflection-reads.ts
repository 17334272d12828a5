import type { Answer } from '../domain/answer';
import type { Enrollment } from '../domain/enrollment';
import type { Subscriber } from '../domain/subscriber';
import { toAnswer } from './answer-repo';
import { toEnrollment } from './enrollment-item';
import { toSubscriber } from './subscriber-repo';
import { getItems, keys, type TableRef } from './table';

export interface ReflectionItems {
  subscriber?: Subscriber;
  enrollment?: Enrollment;
  answer?: Answer;
}

/**
 * What a question page needs: the profile (to check the link), the enrollment and the answer,
 * read together in one round trip rather than one after another.
 */
export class ReflectionReads {
  constructor(private readonly table: TableRef) {}

  async read(
    subscriberId: string,
    enrollmentId: string,
    questionId: string,
  ): Promise<ReflectionItems> {
    const pk = keys.subscriber(subscriberId);
    const sk = {
      profile: keys.profile(),
      enrollment: keys.enrollment(enrollmentId),
      answer: keys.answer(enrollmentId, questionId),
    };
    const items = await getItems(this.table, [
      { PK: pk, SK: sk.profile },
      { PK: pk, SK: sk.enrollment },
      { PK: pk, SK: sk.answer },
    ]);
    const bySk = new Map(items.map((item) => [item.SK, item]));
    const profile = bySk.get(sk.profile);
    const enrollment = bySk.get(sk.enrollment);
    const answer = bySk.get(sk.answer);
    return {
      subscriber: profile && toSubscriber(profile),
      enrollment: enrollment && toEnrollment(enrollment),
      answer: answer && toAnswer(answer),
    };
  }
}

import { AnswerRepo } from './answer-repo';
import { ApiKeyRepo } from './api-key-repo';
import { ClientRepo } from './client-repo';
import { DeliveryRepo } from './delivery-repo';
import { EnrollmentRepo } from './enrollment-repo';
import { ErasureRepo } from './erasure-repo';
import { MailGuardRepo } from './mail-guard-repo';
import { PairRepo } from './pair-repo';
import { PracticeRepo } from './practice-repo';
import { RateLimitRepo } from './rate-limit-repo';
import { ReflectionReads } from './reflection-reads';
import { SendLogRepo } from './send-log-repo';
import { SendRateRepo } from './send-rate-repo';
import { SignupRepo } from './signup-repo';
import { SubscriberRepo } from './subscriber-repo';
import type { TableRef } from './table';

export interface Store {
  /** The table itself, for instrumentation (benchmarks count its requests). */
  table: TableRef;
  subscribers: SubscriberRepo;
  signups: SignupRepo;
  enrollments: EnrollmentRepo;
  delivery: DeliveryRepo;
  answers: AnswerRepo;
  reflections: ReflectionReads;
  sends: SendLogRepo;
  sendRate: SendRateRepo;
  mailGuard: MailGuardRepo;
  erasure: ErasureRepo;
  practices: PracticeRepo;
  pairs: PairRepo;
  clients: ClientRepo;
  rateLimits: RateLimitRepo;
  apiKeys: ApiKeyRepo;
}

export function createStore(table: TableRef): Store {
  return {
    table,
    subscribers: new SubscriberRepo(table),
    signups: new SignupRepo(table),
    enrollments: new EnrollmentRepo(table),
    delivery: new DeliveryRepo(table),
    answers: new AnswerRepo(table),
    reflections: new ReflectionReads(table),
    sends: new SendLogRepo(table),
    sendRate: new SendRateRepo(table),
    mailGuard: new MailGuardRepo(table),
    erasure: new ErasureRepo(table),
    practices: new PracticeRepo(table),
    pairs: new PairRepo(table),
    clients: new ClientRepo(table),
    rateLimits: new RateLimitRepo(table),
    apiKeys: new ApiKeyRepo(table),
  };
}

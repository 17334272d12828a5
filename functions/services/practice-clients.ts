import type { Answer } from '../domain/answer';
import type { Client } from '../domain/client';
import { isSubscriberId } from '../domain/email-address';
import type { Enrollment, PausedBy } from '../domain/enrollment';
import { NotFoundError } from '../domain/errors';
import { standingIn } from '../domain/pair';
import { displayName } from '../domain/person-name';
import type { ServiceContext } from './context';

export type ClientStatus = Enrollment['status'] | 'invited' | 'deleted';

export interface ClientRow {
  clientId: string;
  name?: string;
  email?: string;
  courseTitle: string;
  stagesSent: number;
  stageCount: number;
  status: ClientStatus;
  /** For a paused client: who paused. Only the client may resume their own pause. */
  pausedBy?: PausedBy;
  nextEmailAt?: Date;
  timeZone?: string;
  lastAnswerAt?: string;
  sharedAnswers: number;
  cadenceDays: number;
  paceByAnswers: boolean;
}

/** How a pair the practice made stands, as the practice sees it (`pairOfClient`). */
export const pairViewStatuses = ['waiting', 'together', 'paused', 'ended'] as const;
export type PairView = { status: (typeof pairViewStatuses)[number] };

export interface SharedStage {
  title: string;
  answers: { question: string; text: string; updatedAt: string }[];
}

interface ClientState {
  row: ClientRow;
  shared: Answer[];
  enrollment?: Enrollment;
}

/**
 * What a practice may know of one client: progress and status from the enrollment, and the
 * answers the client chose to share. Unshared answers count only towards "last answered".
 */
async function stateOf(ctx: ServiceContext, client: Client): Promise<ClientState> {
  const course = ctx.catalog.has(client.courseId) ? ctx.catalog.course(client.courseId) : undefined;
  const base = {
    clientId: client.subscriberId,
    // A name stored before the name rules that is not one is shown as no name.
    name: displayName(client.name) ?? (client.name === undefined ? undefined : client.email),
    email: client.email,
    courseTitle: course?.title ?? client.courseId,
    stageCount: course?.stages.length ?? 0,
    cadenceDays: client.cadenceDays,
    paceByAnswers: client.paceByAnswers,
  };
  if (client.deletedAt) {
    return { row: { ...base, stagesSent: 0, status: 'deleted', sharedAnswers: 0 }, shared: [] };
  }
  const [enrollment, answers] = await Promise.all([
    ctx.store.enrollments.get(client.subscriberId, client.enrollmentId),
    ctx.store.answers.listForSubscriber(client.subscriberId),
  ]);
  const mine = answers.filter((answer) => answer.enrollmentId === client.enrollmentId);
  const shared = mine.filter((answer) => answer.shared);
  const lastAnswerAt = mine
    .map((answer) => answer.updatedAt)
    .sort()
    .at(-1);
  return {
    row: {
      ...base,
      stagesSent: enrollment?.nextStage ?? 0,
      status: enrollment?.status ?? 'invited',
      pausedBy: enrollment?.status === 'paused' ? enrollment.pausedBy : undefined,
      nextEmailAt: enrollment?.status === 'active' ? enrollment.dueAt : undefined,
      timeZone: enrollment?.timeZone,
      lastAnswerAt,
      sharedAnswers: shared.length,
      cadenceDays: enrollment?.cadenceDays ?? client.cadenceDays,
    },
    shared,
    enrollment,
  };
}

/**
 * How the pair this practice made of `client` stands: only its status, never who the other is
 * or what the two share. Their record names the pair from the start; once they accept, their
 * enrollment points at it too, and a pointer to any other pair means this one is over for them.
 * Otherwise the pair item decides (`domain/pair.ts`): gone, lapsed, or no longer listing them is
 * "ended"; the invitation still open is "waiting".
 */
async function pairOfClient(
  ctx: ServiceContext,
  client: Client,
  enrollment: Enrollment | undefined,
): Promise<PairView | undefined> {
  if (!client.pairId || client.deletedAt) return undefined;
  if (enrollment?.pairId && enrollment.pairId !== client.pairId) return { status: 'ended' };
  const pair = await ctx.store.pairs.get(client.pairId);
  const standing = standingIn(pair, client.subscriberId, client.pairId, ctx.clock.now());
  if (standing.kind === 'together') return { status: standing.pausedBy ? 'paused' : 'together' };
  if (standing.kind === 'none') return undefined;
  // For the practice an invitation nobody accepted in time ended the pair before it began.
  return { status: standing.kind === 'lapsed' ? 'ended' : standing.kind };
}

export async function listClientRows(
  ctx: ServiceContext,
  practiceId: string,
): Promise<ClientRow[]> {
  const clients = await ctx.store.clients.list(practiceId);
  const rows = await Promise.all(clients.map(async (client) => (await stateOf(ctx, client)).row));
  return rows.sort((a, b) => (a.name ?? '~').localeCompare(b.name ?? '~'));
}

/** One client of this practice, with shared answers by stage; 404 for anyone else's client. */
export async function clientDetail(ctx: ServiceContext, practiceId: string, clientId: string) {
  // An id of any other shape names nobody: answered before it can reach the store's keys.
  const client = isSubscriberId(clientId)
    ? await ctx.store.clients.get(practiceId, clientId)
    : undefined;
  if (!client) throw new NotFoundError('There is no such client in your practice.');
  const { row, shared, enrollment } = await stateOf(ctx, client);
  const course = ctx.catalog.has(client.courseId) ? ctx.catalog.course(client.courseId) : undefined;
  const stages: SharedStage[] = (course?.stages ?? [])
    .map((stage) => ({
      title: stage.title,
      answers: stage.questions.flatMap((question) => {
        const answer = shared.find((a) => a.questionId === question.id);
        return answer
          ? [{ question: question.text, text: answer.text, updatedAt: answer.updatedAt }]
          : [];
      }),
    }))
    .filter((stage) => stage.answers.length > 0);
  const pair = await pairOfClient(ctx, client, enrollment);
  return { client, row, stages, pair };
}

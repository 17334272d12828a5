import type { Answer } from './answer';
import type { Pair } from './pair';

/** One question both partners answered and both chose to share: shown side by side. */
export interface RevealedPair {
  questionId: string;
  mine: Answer;
  theirs: Answer;
}

/**
 * Whether an answer is shared in this pair. A share is made within one pair: saving while not
 * together (alone, or while an invitation is open) always records "not shared", so a share saved
 * before this pair's item was created was made with an earlier partner, and counts for nothing
 * here. Sharing again in this pair is the author's choice to make.
 */
export function sharedInPair(answer: Answer, pair: Pick<Pair, 'createdAt'>): boolean {
  return answer.sharedWithPartner && Date.parse(answer.updatedAt) >= Date.parse(pair.createdAt);
}

/**
 * Mutual reveal: a partner's answer is shown only once both have answered the same question and
 * both have ticked "share with my partner" in this pair. Nothing else of the partner's answers is
 * visible, not even whether they answered, so no one is nudged towards sharing by seeing the
 * other wait. The caller decides whether the two are a pair at all; here only the answers count.
 */
export function revealedAnswers(
  mine: Answer[],
  theirs: Answer[],
  pair: Pick<Pair, 'createdAt'>,
): RevealedPair[] {
  const theirShared = new Map(
    theirs.filter((answer) => sharedInPair(answer, pair)).map((a) => [a.questionId, a]),
  );
  const revealed: RevealedPair[] = [];
  for (const answer of mine) {
    if (!sharedInPair(answer, pair)) continue;
    const other = theirShared.get(answer.questionId);
    if (other) revealed.push({ questionId: answer.questionId, mine: answer, theirs: other });
  }
  return revealed;
}

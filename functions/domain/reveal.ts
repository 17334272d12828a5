import type { Answer } from './answer';

/** One question both partners answered and both chose to share: shown side by side. */
export interface RevealedPair {
  questionId: string;
  mine: Answer;
  theirs: Answer;
}

/**
 * Mutual reveal: a partner's answer is shown only once both have answered the same question and
 * both have ticked "share with my partner". Nothing else of the partner's answers is visible, not
 * even whether they answered, so no one is nudged towards sharing by seeing the other wait.
 * The caller decides whether the two are a pair at all; here only the answers count.
 */
export function revealedAnswers(mine: Answer[], theirs: Answer[]): RevealedPair[] {
  const theirShared = new Map(
    theirs.filter((answer) => answer.sharedWithPartner).map((a) => [a.questionId, a]),
  );
  const revealed: RevealedPair[] = [];
  for (const answer of mine) {
    if (!answer.sharedWithPartner) continue;
    const other = theirShared.get(answer.questionId);
    if (other) revealed.push({ questionId: answer.questionId, mine: answer, theirs: other });
  }
  return revealed;
}

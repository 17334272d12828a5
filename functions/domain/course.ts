import * as z from 'zod/mini';

export const perspectives = ['caused', 'hurt', 'mutual'] as const;
export const perspectiveSchema = z.enum(perspectives);
export type Perspective = z.infer<typeof perspectiveSchema>;

export const perspectiveLabels: Record<Perspective, string> = {
  caused: 'I caused the hurt',
  hurt: 'I was hurt',
  mutual: 'It’s mutual, or complicated',
};

export interface Question {
  /** Stable id: stored answers are keyed by it, so it never changes once published. */
  id: string;
  text: string;
  /** Asked only of readers with these perspectives; of everyone when absent. */
  perspectives?: Perspective[];
}

export interface Stage {
  id: string;
  title: string;
  questions: Question[];
}

export interface Course {
  id: string;
  title: string;
  defaultCadenceDays: number;
  stages: Stage[];
}

/** Whether a reader with this perspective is asked the question. */
export function isAskedOf(question: Question, perspective: Perspective): boolean {
  return !question.perspectives || question.perspectives.includes(perspective);
}

/** The questions of a stage that a reader with this perspective is asked, in order. */
export function questionsFor(
  stage: Pick<Stage, 'questions'>,
  perspective: Perspective,
): Question[] {
  return stage.questions.filter((question) => isAskedOf(question, perspective));
}

/** Finds the stage holding a question, with its position in the course. */
export function findQuestion(
  course: Course,
  questionId: string,
): { stage: Stage; stageIndex: number; question: Question } | undefined {
  for (const [stageIndex, stage] of course.stages.entries()) {
    const question = stage.questions.find((q) => q.id === questionId);
    if (question) return { stage, stageIndex, question };
  }
  return undefined;
}

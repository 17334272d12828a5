/**
 * Runs `work` and answers no sooner than `ms` after the start, on the real clock: a request whose
 * outcome must not be read from its timing (an address allowed or not, known or not) takes the
 * same time whichever way it went, as long as the work itself fits in `ms`.
 */
export async function inSteadyTime<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const floor = new Promise((resolve) => setTimeout(resolve, ms));
  const [result] = await Promise.all([work(), floor]);
  return result;
}

/** How a batch call is retried for the items DynamoDB left unprocessed. */
export interface Backoff {
  /** Calls at most, the first included. */
  attempts: number;
  /** The longest wait before the first retry; it doubles for each retry after. */
  baseDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); scales each wait (full jitter). */
  random?: () => number;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `send` with `pending`, then with what it answers was left unprocessed, waiting a growing,
 * jittered time between calls, until nothing is left or the attempts are spent. Resolves to what
 * is still left (empty when all went through).
 */
export async function retryUnprocessed<T>(
  pending: T[],
  send: (batch: T[]) => Promise<T[]>,
  { attempts, baseDelayMs, sleep = sleepFor, random = Math.random }: Backoff,
): Promise<T[]> {
  let left = pending;
  for (let attempt = 1; ; attempt++) {
    left = await send(left);
    if (left.length === 0 || attempt >= attempts) return left;
    await sleep(random() * baseDelayMs * 2 ** (attempt - 1));
  }
}

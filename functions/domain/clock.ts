/** The one source of "now". Everything time-based reads it, so local mode can move time on. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

import { readFileSync, writeFileSync } from 'node:fs';
import type { Clock } from '../domain/clock';

/**
 * Local mode's clock: real time plus an offset that `/_local/clock` moves forward. The offset is
 * kept in `.data/` so a restart does not send time backwards.
 */
export class OffsetClock implements Clock {
  private offsetMs: number;

  constructor(private readonly file?: string) {
    this.offsetMs = 0;
    if (file) {
      try {
        this.offsetMs = Number(JSON.parse(readFileSync(file, 'utf8')).offsetMs) || 0;
      } catch {
        this.offsetMs = 0;
      }
    }
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the clock on to `target`; never backwards, so nothing already sent is due again. */
  advanceTo(target: Date): Date {
    return this.advance(Math.max(0, (target.getTime() - this.now().getTime()) / 3_600_000));
  }

  advance(hours: number): Date {
    this.offsetMs += Math.round(hours * 3_600_000);
    if (this.file) writeFileSync(this.file, JSON.stringify({ offsetMs: this.offsetMs }));
    return this.now();
  }
}

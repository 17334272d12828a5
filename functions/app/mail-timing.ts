import { WITHHELD } from '../mail/guarded-mailer';
import type { Mailer } from '../mail/mailer';
import type { ServiceContext } from '../services/context';

const WINDOW = 32;
/** Before any sign-up has sent mail in this process. */
const FIRST_GUESS_MS = 80;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes an answer that sent no email take as long as one that did, so its timing does not tell
 * whether an address is known, held back or suppressed. The durations of the last answers that
 * sent mail are kept; one that sent none waits until a duration drawn from them has passed, so
 * both take the same spread of times.
 */
export class MailTiming {
  private readonly recent: number[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  /** Runs `work` with a context whose mailer counts what it is handed. */
  async run(ctx: ServiceContext, work: (ctx: ServiceContext) => Promise<void>): Promise<void> {
    let sent = 0;
    const mailer: Mailer = {
      send: async (email) => {
        const result = await ctx.mailer.send(email);
        // Withheld by the mail guard is not sent: that answer is padded like any other.
        if (result.messageId !== WITHHELD) sent += 1;
        return result;
      },
    };
    const started = performance.now();
    await work({ ...ctx, mailer });
    const took = performance.now() - started;
    if (sent > 0) {
      this.recent.push(took);
      if (this.recent.length > WINDOW) this.recent.shift();
      return;
    }
    const target = this.recent.length
      ? (this.recent[Math.floor(this.random() * this.recent.length)] as number)
      : FIRST_GUESS_MS;
    if (target > took) await sleep(target - took);
  }
}

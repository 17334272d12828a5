import { subscriberIdFor } from '../domain/email-address';
import type { CoreContext } from '../services/context';
import { stopAllMail } from '../services/stop-mail';
import { MalformedSesEventError, parseSesEvent } from './parse-ses-event';

export interface SesEventSummary {
  records: number;
  suppressed: number;
  ignored: number;
  malformed: boolean;
}

/**
 * Applies SES's verdicts: a permanent bounce or a complaint stops all mail to the address; a
 * transient bounce, a delivery or a reject changes nothing. Malformed input is logged and
 * dropped, never thrown, so SNS does not retry it forever.
 */
export async function handleSesEvent(ctx: CoreContext, input: unknown): Promise<SesEventSummary> {
  let outcomes: ReturnType<typeof parseSesEvent>;
  try {
    outcomes = parseSesEvent(input);
  } catch (error) {
    if (!(error instanceof MalformedSesEventError)) throw error;
    ctx.log.warn('dropped a malformed SES event', { reason: error.message });
    return { records: 0, suppressed: 0, ignored: 0, malformed: true };
  }
  const summary: SesEventSummary = {
    records: outcomes.length,
    suppressed: 0,
    ignored: 0,
    malformed: false,
  };
  for (const outcome of outcomes) {
    if (outcome.kind !== 'permanent-bounce' && outcome.kind !== 'complaint') {
      summary.ignored += 1;
      ctx.log.info('SES event', { kind: outcome.kind });
      continue;
    }
    const reason = outcome.kind === 'complaint' ? 'complained' : 'bounced';
    for (const address of outcome.recipients) {
      const stopped = await stopAllMail(ctx, subscriberIdFor(address, ctx.secret), reason);
      if (stopped) summary.suppressed += 1;
    }
  }
  return summary;
}

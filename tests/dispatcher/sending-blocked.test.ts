import { describe, expect, it } from 'vitest';
import type { DispatchSummary } from '../../functions/dispatcher/run-dispatch';
import {
  failIfSendingBlocked,
  SendingBlockedError,
} from '../../functions/dispatcher/sending-blocked';

const ran: DispatchSummary = {
  dueFound: 3,
  sent: 2,
  skipped: 0,
  retried: 0,
  failed: 1,
  misconfigured: 0,
  oldestDueLagSeconds: 10,
};

describe('a run SES would not send for fails its invocation, so the heartbeat alarm sees it', () => {
  it('passes a run whose failures concern single messages', () => {
    expect(failIfSendingBlocked(ran)).toBe(ran);
    expect(failIfSendingBlocked({ ...ran, stoppedEarly: 'time-budget' })).toMatchObject({
      sent: 2,
    });
  });

  it('fails a run stopped because the account cannot send', () => {
    expect(() => failIfSendingBlocked({ ...ran, stoppedEarly: 'account-blocked' })).toThrow(
      SendingBlockedError,
    );
  });

  it('fails a run in which SES refused a send for an unverified identity', () => {
    expect(() => failIfSendingBlocked({ ...ran, misconfigured: 1 })).toThrow(
      /1 send\(s\) because an identity is not verified/,
    );
  });
});

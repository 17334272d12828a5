import {
  AccountSuspendedException,
  BadRequestException,
  InternalServiceErrorException,
  LimitExceededException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  NotFoundException,
  SendingPausedException,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { classifySendFailure, retryDelayMs } from '../../functions/mail/send-failure';

const $metadata = {};

describe('what a failed send means', () => {
  it('is a rejected address when SES rejects the message for its content or recipient', () => {
    expect(
      classifySendFailure(new MessageRejected({ message: 'Illegal address', $metadata })),
    ).toBe('rejected');
  });

  it('is configuration, not a rejected address, when an identity is not verified', () => {
    // A sender identity still pending, or a sandbox account writing to an unverified recipient.
    for (const message of [
      'Email address is not verified. The following identities failed the check in region US-EAST-1: course@mend.example',
      'Email address is not verified.',
    ]) {
      expect(classifySendFailure(new MessageRejected({ message, $metadata })), message).toBe(
        'configuration',
      );
    }
  });

  it('fails only this message on a bad request', () => {
    expect(
      classifySendFailure(new BadRequestException({ message: 'Invalid header', $metadata })),
    ).toBe('message');
  });

  it('stops the run when the whole account cannot send', () => {
    for (const error of [
      new AccountSuspendedException({ message: 'suspended', $metadata }),
      new SendingPausedException({ message: 'paused', $metadata }),
      new MailFromDomainNotVerifiedException({ message: 'MAIL FROM', $metadata }),
      new NotFoundException({ message: 'no such configuration set', $metadata }),
    ]) {
      expect(classifySendFailure(error), error.name).toBe('account');
    }
  });

  it('slows down when throttled, and retries anything SES or the network did not name', () => {
    expect(classifySendFailure(new TooManyRequestsException({ message: 'x', $metadata }))).toBe(
      'throttled',
    );
    expect(classifySendFailure(new LimitExceededException({ message: 'x', $metadata }))).toBe(
      'throttled',
    );
    expect(
      classifySendFailure(
        Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling' }),
      ),
    ).toBe('throttled');
    expect(
      classifySendFailure(new InternalServiceErrorException({ message: 'x', $metadata })),
    ).toBe('transient');
    expect(classifySendFailure(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(
      'transient',
    );
    expect(classifySendFailure(undefined)).toBe('transient');
  });

  it('backs off 2, 4, 8 … minutes, at most 2 hours', () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([120_000, 240_000, 480_000]);
    expect(retryDelayMs(30)).toBe(7_200_000);
  });
});

import { describe, expect, it } from 'vitest';
import { nextSendAfter, nextSendHourFrom, resumeSendAt } from '../../functions/domain/schedule';
import { atLocalHour, isValidTimeZone } from '../../functions/domain/zoned-time';

const at = (iso: string) => new Date(iso);

describe('the next stage goes out at the person’s hour, across daylight-saving changes', () => {
  const cases: [string, string, string, number, string][] = [
    // zone, last sent (UTC), description, cadence, expected (UTC)
    ['America/New_York', '2026-03-06T13:00:00Z', 'into EDT (8 Mar)', 3, '2026-03-09T12:00:00Z'],
    ['America/New_York', '2026-10-30T12:00:00Z', 'back to EST (1 Nov)', 3, '2026-11-02T13:00:00Z'],
    [
      'America/New_York',
      '2026-02-26T13:00:00Z',
      'fourteen days over the change',
      14,
      '2026-03-12T12:00:00Z',
    ],
    [
      'America/New_York',
      '2026-03-07T13:00:00Z',
      'one day, onto the change day',
      1,
      '2026-03-08T12:00:00Z',
    ],
    ['Europe/London', '2026-03-27T08:00:00Z', 'into BST (29 Mar)', 3, '2026-03-30T07:00:00Z'],
    [
      'Europe/London',
      '2026-10-24T07:00:00Z',
      'back to GMT (25 Oct), daily',
      1,
      '2026-10-25T08:00:00Z',
    ],
    [
      'Europe/London',
      '2026-10-12T07:00:00Z',
      'fourteen days over the change',
      14,
      '2026-10-26T08:00:00Z',
    ],
    ['Australia/Sydney', '2026-04-02T21:00:00Z', 'out of AEDT (5 Apr)', 3, '2026-04-05T22:00:00Z'],
    [
      'Australia/Sydney',
      '2026-10-01T22:00:00Z',
      'into AEDT (4 Oct), fortnightly',
      14,
      '2026-10-15T21:00:00Z',
    ],
    [
      'Australia/Sydney',
      '2026-10-03T22:00:00Z',
      'one day, onto the change day',
      1,
      '2026-10-04T21:00:00Z',
    ],
  ];

  it.each(cases)('%s: from %s, %s, every %i day(s)', (timeZone, sent, _, cadenceDays, expected) => {
    expect(nextSendAfter(at(sent), { timeZone, sendHour: 8, cadenceDays }).toISOString()).toBe(
      at(expected).toISOString(),
    );
  });

  it('counts days on the person’s own calendar, not UTC’s', () => {
    // 23:30 in London on 1 June is still 1 June there: the next day is 2 June.
    expect(
      nextSendAfter(at('2026-06-01T22:30:00Z'), {
        timeZone: 'Europe/London',
        sendHour: 8,
        cadenceDays: 1,
      }).toISOString(),
    ).toBe('2026-06-02T07:00:00.000Z');
    // 23:00 UTC on 1 June is already 2 June in Sydney: the next day is 3 June.
    expect(
      nextSendAfter(at('2026-06-01T23:00:00Z'), {
        timeZone: 'Australia/Sydney',
        sendHour: 8,
        cadenceDays: 1,
      }).toISOString(),
    ).toBe('2026-06-02T22:00:00.000Z');
  });

  it('sends an hour that does not exist (spring forward) when the clock jumps past it', () => {
    expect(atLocalHour({ year: 2026, month: 3, day: 8 }, 2, 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
    expect(atLocalHour({ year: 2026, month: 3, day: 29 }, 1, 'Europe/London').toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('sends an hour that happens twice (fall back) the first time', () => {
    expect(
      atLocalHour({ year: 2026, month: 11, day: 1 }, 1, 'America/New_York').toISOString(),
    ).toBe('2026-11-01T05:00:00.000Z');
    expect(atLocalHour({ year: 2026, month: 4, day: 5 }, 2, 'Australia/Sydney').toISOString()).toBe(
      '2026-04-04T15:00:00.000Z',
    );
  });

  it('keeps every cadence from 1 to 14 days at the same local hour for a year', () => {
    for (const timeZone of ['America/New_York', 'Europe/London', 'Australia/Sydney']) {
      for (const cadenceDays of [1, 3, 14]) {
        let sent = atLocalHour({ year: 2026, month: 1, day: 1 }, 7, timeZone);
        for (let n = 0; n < 365 / cadenceDays; n++) {
          const next = nextSendAfter(sent, { timeZone, sendHour: 7, cadenceDays });
          const hour = new Intl.DateTimeFormat('en-US', {
            timeZone,
            hour: 'numeric',
            hourCycle: 'h23',
          }).format(next);
          expect(Number(hour), `${timeZone} ${next.toISOString()}`).toBe(7);
          const days = (next.getTime() - sent.getTime()) / 86_400_000;
          expect(days).toBeGreaterThan(cadenceDays - 0.05);
          expect(days).toBeLessThan(cadenceDays + 0.05);
          sent = next;
        }
      }
    }
  });
});

describe('resuming', () => {
  const schedule = { timeZone: 'Europe/London', sendHour: 8, cadenceDays: 3 };

  it('waits at least one cadence after the last stage', () => {
    const resumed = resumeSendAt(at('2026-05-02T12:00:00Z'), at('2026-05-01T07:00:00Z'), schedule);
    expect(resumed.toISOString()).toBe('2026-05-04T07:00:00.000Z');
  });

  it('after a long pause, goes out at the next send hour, never in the past', () => {
    const resumed = resumeSendAt(at('2026-06-10T09:30:00Z'), at('2026-05-01T07:00:00Z'), schedule);
    expect(resumed.toISOString()).toBe('2026-06-11T07:00:00.000Z');
    expect(nextSendHourFrom(at('2026-06-10T06:30:00Z'), schedule).toISOString()).toBe(
      '2026-06-10T07:00:00.000Z',
    );
  });
});

describe('time zones', () => {
  it('accepts IANA zones and refuses anything else', () => {
    expect(isValidTimeZone('Australia/Sydney')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('../../etc/passwd')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

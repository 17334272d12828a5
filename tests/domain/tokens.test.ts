import { describe, expect, it } from 'vitest';
import { subscriberIdFor } from '../../functions/domain/email-address';
import { ExpiredLinkError, InvalidLinkError } from '../../functions/domain/errors';
import { signToken, verifyToken } from '../../functions/domain/tokens';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const NOW = new Date('2026-11-22T08:00:00Z');

describe('link tokens', () => {
  const token = signToken(
    { purpose: 'reflect', subscriberId: 'sub-1', version: 2, enrollmentId: 'c', questionId: 'q' },
    SECRET,
  );

  it('round-trip their claims', () => {
    expect(verifyToken(token, 'reflect', SECRET, NOW)).toMatchObject({
      purpose: 'reflect',
      subscriberId: 'sub-1',
      version: 2,
      enrollmentId: 'c',
      questionId: 'q',
    });
  });

  it('carry no email address', () => {
    const id = subscriberIdFor('sam@example.com', SECRET);
    const withAddress = signToken({ purpose: 'journal', subscriberId: id, version: 0 }, SECRET);
    const payload = Buffer.from(withAddress.split('.')[0] as string, 'base64url').toString();
    expect(payload).not.toContain('@');
    expect(payload).not.toContain('sam');
  });

  it('are refused when tampered with, forged, or signed with another secret', () => {
    const [payload, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(
      JSON.stringify({ p: 'reflect', s: 'sub-2', v: 2, e: 'c', q: 'q' }),
    ).toString('base64url');
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [
      `${forged}.${signature}`,
      `${payload}.${flipped}`,
      `${payload}.`,
      payload,
      `${payload}.${signature}.extra`,
      'not-a-token',
      '',
      'x'.repeat(600),
    ]) {
      expect(() => verifyToken(bad, 'reflect', SECRET, NOW), bad).toThrow(InvalidLinkError);
    }
    expect(() => verifyToken(token, 'reflect', `${SECRET}!`, NOW)).toThrow(InvalidLinkError);
  });

  it('only work for the purpose they were made for', () => {
    expect(() => verifyToken(token, 'unsubscribe', SECRET, NOW)).toThrow(InvalidLinkError);
    expect(() => verifyToken(token, 'journal', SECRET, NOW)).toThrow(InvalidLinkError);
  });

  it('expire: a confirmation link is good until its time, then expired', () => {
    const expiresAt = new Date(NOW.getTime() + 7 * 86_400_000);
    const confirm = signToken(
      { purpose: 'confirm', subscriberId: 's', nonce: 'n', expiresAt },
      SECRET,
    );
    expect(
      verifyToken(confirm, 'confirm', SECRET, new Date(expiresAt.getTime() - 1000)).nonce,
    ).toBe('n');
    expect(() => verifyToken(confirm, 'confirm', SECRET, expiresAt)).toThrow(ExpiredLinkError);
  });
});

describe('subscriber ids', () => {
  it('are the same for the same address however it is typed, and differ per address', () => {
    expect(subscriberIdFor(' Sam@Example.COM ', SECRET)).toBe(
      subscriberIdFor('sam@example.com', SECRET),
    );
    expect(subscriberIdFor('sam@example.com', SECRET)).not.toBe(
      subscriberIdFor('sal@example.com', SECRET),
    );
  });
});

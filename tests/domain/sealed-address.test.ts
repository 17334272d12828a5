import { describe, expect, it } from 'vitest';
import { openAddress, sealAddress } from '../../functions/domain/sealed-address';

const SECRET = 'a-signing-secret-that-is-long-enough-for-tests';

describe('a sealed address', () => {
  it('opens with the same nonce only, and never shows the address', () => {
    const sealed = sealAddress('ana@clinic.example', SECRET, 'nonce-1');
    expect(sealed).not.toContain('ana');
    expect(openAddress(sealed, SECRET, 'nonce-1')).toBe('ana@clinic.example');
    expect(openAddress(sealed, SECRET, 'nonce-2')).toBeUndefined();
    expect(
      openAddress(sealed, 'another-secret-that-is-long-enough-too', 'nonce-1'),
    ).toBeUndefined();
    const [iv, body = '', tag] = sealed.split('.');
    const altered = `${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`;
    expect(openAddress(`${iv}.${altered}.${tag}`, SECRET, 'nonce-1')).toBeUndefined();
    expect(openAddress('garbage', SECRET, 'nonce-1')).toBeUndefined();
  });
});

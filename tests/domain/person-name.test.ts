import { describe, expect, it } from 'vitest';
import { displayName, isPrintableName, personNameSchema } from '../../functions/domain/person-name';
import { withoutInvisibles } from '../../functions/domain/user-text';

describe('names are names', () => {
  it.each(['Ana', 'Ana-María', "O'Brien", 'Zoë', 'J. R. Smith', 'Nguyễn Thị', 'محمد', '李小龙'])(
    '%s is printed',
    (name) => {
      expect(isPrintableName(name)).toBe(true);
      expect(personNameSchema.safeParse(name).success).toBe(true);
    },
  );

  it.each([
    'team: your journal leaked. Reset at https://evil.example/r',
    'https://evil.example',
    'evil.example',
    'www.example',
    'Ana 2',
    'a'.repeat(41),
    'Ana <b>',
    'Ana!',
  ])('%s is refused as input and never printed', (name) => {
    expect(personNameSchema.safeParse(name).success).toBe(false);
    expect(displayName(name)).toBeUndefined();
  });

  it('strips bidi and invisible controls before anything else', () => {
    expect(withoutInvisibles('Ana\u202eevil\u2066\u0085\u200f\ufeff')).toBe('Anaevil');
    expect(withoutInvisibles('line one\nline two\ttab')).toBe('line one\nline two\ttab');
    expect(personNameSchema.parse('  A\u202ena  ')).toBe('Ana');
    expect(displayName('\u202eAna')).toBe('Ana');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromAttributes, toAttribute, toAttributes } from '../../functions/aws/dynamo-attributes';

/** What Mend stores: JSON-like values with finite numbers. */
const storable = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ minLength: 1 }), tie('value'), { maxKeys: 4 }),
  ),
}));

describe('DynamoDB attribute values', () => {
  it('turn every storable item into attributes and back unchanged', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), storable.value), (item) => {
        expect(fromAttributes(toAttributes(item))).toEqual(item);
      }),
    );
  });

  it('use the wire shapes DynamoDB expects', () => {
    expect(toAttributes({ s: 'a', n: 1.5, b: false, z: null, l: [1], m: { k: 'v' } })).toEqual({
      s: { S: 'a' },
      n: { N: '1.5' },
      b: { BOOL: false },
      z: { NULL: true },
      l: { L: [{ N: '1' }] },
      m: { M: { k: { S: 'v' } } },
    });
  });

  it('keep a key named __proto__ as data, never as the prototype', () => {
    const item = JSON.parse('{"m":{"__proto__":{"polluted":true}}}') as Record<string, unknown>;
    const back = fromAttributes(toAttributes(item)) as { m: Record<string, unknown> };
    expect(Object.hasOwn(back.m, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(back.m)).toBe(Object.prototype);
  });

  it('leave out undefined properties, as the SDK document client does with removeUndefinedValues', () => {
    expect(toAttributes({ a: 'x', gone: undefined })).toEqual({ a: { S: 'x' } });
  });

  it('refuse what they cannot store faithfully', () => {
    expect(() => toAttribute(Number.NaN)).toThrow(TypeError);
    expect(() => toAttribute(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(() => toAttribute(new Date())).toThrow(TypeError);
    expect(() => toAttribute(new Set(['a']))).toThrow(TypeError);
  });
});

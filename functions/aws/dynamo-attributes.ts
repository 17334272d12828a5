/**
 * Plain values to DynamoDB's attribute values and back, as the document client of the AWS SDK
 * does with `removeUndefinedValues`: strings, finite numbers, booleans, null, arrays and plain
 * objects. Sets and binary are not used by Mend and are refused rather than guessed at.
 */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> };

export type Item = Record<string, unknown>;

export function toAttribute(value: unknown): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Cannot store the number ${value}.`);
    return { N: String(value) };
  }
  if (typeof value === 'boolean') return { BOOL: value };
  if (value === null) return { NULL: true };
  if (Array.isArray(value)) return { L: value.map(toAttribute) };
  if (typeof value === 'object' && isPlainObject(value)) {
    return { M: toAttributes(value as Item) };
  }
  throw new TypeError(`Cannot store a value of type ${typeof value}.`);
}

/** An item's attributes; `undefined` properties are left out. */
export function toAttributes(item: Item): Record<string, AttributeValue> {
  // fromEntries makes own properties, so even a key named `__proto__` stays data.
  return Object.fromEntries(
    Object.entries(item)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, toAttribute(value)]),
  );
}

export function fromAttribute(attribute: unknown): unknown {
  const a = attribute as Record<string, unknown>;
  if ('S' in a) return a.S;
  if ('N' in a) return Number(a.N);
  if ('BOOL' in a) return a.BOOL;
  if ('NULL' in a) return null;
  if ('L' in a) return (a.L as unknown[]).map(fromAttribute);
  if ('M' in a) return fromAttributes(a.M as Record<string, unknown>);
  throw new TypeError(`Unexpected attribute type ${Object.keys(a).join(',')}.`);
}

export function fromAttributes(attributes: Record<string, unknown>): Item {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, attribute]) => [name, fromAttribute(attribute)]),
  );
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

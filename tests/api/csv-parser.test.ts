import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../functions/domain/errors';
import { parseCsv } from '../../functions/services/csv';
import { readImport } from '../../functions/services/import-clients';

const fields = (text: string) => parseCsv(text).map((record) => record.fields);

describe('parseCsv (RFC 4180)', () => {
  it('splits plain fields and records, with CRLF or LF, skipping blank lines', () => {
    expect(fields('a,b,c\r\n1,2,3\n\n4,,6\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '', '6'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    expect(fields('"Lee, Rowan","say ""hi""","two\r\nlines",x')).toEqual([
      ['Lee, Rowan', 'say "hi"', 'two\r\nlines', 'x'],
    ]);
    expect(fields('"",""\n')).toEqual([['', '']]);
  });

  it('numbers records by the line they start on', () => {
    expect(parseCsv('h\n"a\nb"\nc').map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('drops a byte-order mark and handles a last line without a newline', () => {
    expect(fields('\uFEFFemail,name\nx@y.z,Ann')).toEqual([
      ['email', 'name'],
      ['x@y.z', 'Ann'],
    ]);
  });

  it('rejects an unterminated quote or stray quotes', () => {
    expect(() => parseCsv('a,"never closed\n')).toThrow(ValidationError);
    expect(() => parseCsv('a,b"c\n')).toThrow(ValidationError);
    expect(() => parseCsv('"a"b,c\n')).toThrow(ValidationError);
  });
});

describe('readImport', () => {
  it('takes the header in any case and with spaces, and rejects any other header', () => {
    expect(readImport(' Email , NAME,cadencedays,StartDate\nx@y.z,Ann,,\n').rows).toHaveLength(1);
    expect(() => readImport('email,name\nx@y.z,Ann\n')).toThrow(ValidationError);
    expect(() => readImport('name,email,cadenceDays,startDate\n')).toThrow(ValidationError);
    expect(() => readImport('email,name,cadenceDays,startDate\n')).toThrow(/no clients/);
  });
});

import { ValidationError } from '../domain/errors';

/**
 * Parses CSV per RFC 4180: fields separated by commas, records by CRLF or LF; a field in double
 * quotes may hold commas, line breaks and doubled quotes (`""`). A leading byte-order mark is
 * dropped. Blank lines are skipped. An unterminated quote, or a quote inside an unquoted field,
 * is a ValidationError naming the line.
 */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let fieldStarted = false;

  const endField = () => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < input.length) {
    const char = input[i];
    if (char === '"' && !fieldStarted && field === '') {
      // A quoted field: read up to the closing quote.
      const quoteLine = line;
      i += 1;
      for (;;) {
        if (i >= input.length) {
          throw new ValidationError('The CSV file could not be read.', {
            file: `Line ${quoteLine}: a quoted field is never closed.`,
          });
        }
        const inner = input[i];
        if (inner === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (inner === '\n') line += 1;
        field += inner;
        i += 1;
      }
      fieldStarted = true;
      const next = input[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new ValidationError('The CSV file could not be read.', {
          file: `Line ${line}: text after a closing quote; put the whole field in quotes.`,
        });
      }
      continue;
    }
    if (char === ',') {
      endField();
      i += 1;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRecord();
      i += char === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    if (char === '"') {
      throw new ValidationError('The CSV file could not be read.', {
        file: `Line ${line}: a quote inside an unquoted field; put the field in quotes and double the quote.`,
      });
    }
    field += char;
    fieldStarted = true;
    i += 1;
  }
  if (field !== '' || fieldStarted || fields.length > 0) endRecord();
  return records;
}

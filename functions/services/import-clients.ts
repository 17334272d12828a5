import '../config/zod-locale';
import { RateLimitedError, TooManyRowsError, ValidationError } from '../domain/errors';
import type { Practice } from '../domain/practice';
import type { ServiceContext } from './context';
import { parseCsv } from './csv';
import { type EnrollOutcome, enrollClient, enrollClientSchema } from './enroll-client';

export const IMPORT_COLUMNS = ['email', 'name', 'cadenceDays', 'startDate'] as const;
export const MAX_IMPORT_ROWS = 1000;

export interface ImportRowResult {
  /** The row's number in the file, the header being row 1. */
  row: number;
  email: string;
  outcome: EnrollOutcome | 'rejected';
  /** Field → reason, for a rejected row. */
  errors?: Record<string, string>;
}

export interface ImportTotals {
  rows: number;
  invited: number;
  alreadyEnrolled: number;
  rejected: number;
}

export interface ImportReport {
  totals: ImportTotals;
  rows: ImportRowResult[];
}

export interface ParsedImport {
  rows: { row: number; fields: string[] }[];
}

/**
 * Reads and checks a CSV upload as a whole before anything is enrolled: the header must be
 * exactly `email,name,cadenceDays,startDate` (any case, spaces trimmed) and there may be at most
 * 1,000 client rows. Rows themselves are checked one by one while importing.
 */
export function readImport(text: string): ParsedImport {
  const [header, ...rows] = parseCsv(text);
  const columns = header?.fields.map((name) => name.trim().toLowerCase()) ?? [];
  if (
    columns.length !== IMPORT_COLUMNS.length ||
    IMPORT_COLUMNS.some((name, n) => columns[n] !== name.toLowerCase())
  ) {
    throw new ValidationError('The first row of the CSV file must be the header.', {
      file: `Start the file with the row: ${IMPORT_COLUMNS.join(',')}`,
    });
  }
  if (rows.length === 0) {
    throw new ValidationError('The CSV file has no clients in it.', {
      file: 'Add one client per row below the header.',
    });
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new TooManyRowsError(
      `The file has ${rows.length} client rows; upload at most ${MAX_IMPORT_ROWS} at a time.`,
    );
  }
  return { rows: rows.map(({ line, fields }) => ({ row: line, fields })) };
}

function rowInput(fields: string[]): Record<string, string> {
  const input: Record<string, string> = {};
  IMPORT_COLUMNS.forEach((name, n) => {
    const value = fields[n]?.trim() ?? '';
    if (value !== '') input[name] = value;
  });
  return input;
}

/** Enrolls one CSV row; every problem with the row is reported on it rather than thrown. */
async function importRow(
  ctx: ServiceContext,
  practice: Practice,
  row: number,
  fields: string[],
): Promise<ImportRowResult> {
  const email = fields[0]?.trim() ?? '';
  if (fields.length !== IMPORT_COLUMNS.length) {
    return {
      row,
      email,
      outcome: 'rejected',
      errors: {
        row: `Expected ${IMPORT_COLUMNS.length} fields, found ${fields.length}; quote any field containing a comma.`,
      },
    };
  }
  const parsed = enrollClientSchema.safeParse(rowInput(fields));
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues)
      errors[issue.path.join('.') || 'row'] ??= issue.message;
    return { row, email, outcome: 'rejected', errors };
  }
  try {
    const { outcome } = await enrollClient(ctx, practice, parsed.data);
    return { row, email, outcome };
  } catch (error) {
    if (error instanceof RateLimitedError) {
      return { row, email, outcome: 'rejected', errors: { row: error.message } };
    }
    if (error instanceof ValidationError) {
      return { row, email, outcome: 'rejected', errors: { ...error.details } };
    }
    throw error;
  }
}

export function emptyTotals(rows: number): ImportTotals {
  return { rows, invited: 0, alreadyEnrolled: 0, rejected: 0 };
}

export function addToTotals(totals: ImportTotals, result: ImportRowResult): void {
  if (result.outcome === 'invited') totals.invited += 1;
  else if (result.outcome === 'already-enrolled') totals.alreadyEnrolled += 1;
  else totals.rejected += 1;
}

/** Rows enrolled at once: each is a few DynamoDB round trips and sends nothing itself. */
export const IMPORT_CONCURRENCY = 8;

/**
 * Enrolls every row, a few at a time, and reports each in file order. Invitations are queued for
 * the dispatcher, so the request only writes to the table: 1,000 rows are about 125 sequential
 * rounds of DynamoDB calls, well inside the api function's timeout (docs/delivery.md). A re-upload
 * adds no one twice (rows already in the practice report `already-enrolled`), so after a failure
 * or the hourly limit the same file can simply be uploaded again. `onRow` lets a page show
 * progress as rows finish.
 */
export async function importClients(
  ctx: ServiceContext,
  practice: Practice,
  parsed: ParsedImport,
  onRow?: (result: ImportRowResult, done: number) => Promise<void> | void,
): Promise<ImportReport> {
  const totals = emptyTotals(parsed.rows.length);
  const rows: ImportRowResult[] = new Array(parsed.rows.length);
  let next = 0;
  let done = 0;
  // Rows for the same address run one after the other, in file order: the first is the one
  // enrolled, the later ones report `already-enrolled`, whichever worker takes them.
  const lastForAddress = new Map<string, Promise<unknown>>();
  const worker = async () => {
    while (next < parsed.rows.length) {
      const index = next++;
      const { row, fields } = parsed.rows[index] as ParsedImport['rows'][number];
      const address = fields[0]?.trim().toLowerCase() ?? '';
      const before = lastForAddress.get(address);
      const task = (async () => {
        await before;
        return importRow(ctx, practice, row, fields);
      })();
      lastForAddress.set(address, task);
      const result = await task;
      rows[index] = result;
      addToTotals(totals, result);
      done += 1;
      await onRow?.(result, done);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(IMPORT_CONCURRENCY, parsed.rows.length) }, worker),
  );
  ctx.log.info('clients imported', { practice: practice.practiceId, ...totals });
  return { totals, rows };
}

import type { Context } from 'hono';
import type * as z from 'zod/mini';
import '../config/zod-locale';
import { ValidationError } from '../domain/errors';
import { UnsupportedMediaTypeError } from './http-errors';

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/** Field → first message, the shape of `details` in every validation error. */
export function fieldDetails(error: z.core.$ZodError): Record<string, string> {
  const details: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
    details[field] ??= issue.message;
  }
  return details;
}

export function parseWith<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError('Some fields need attention.', fieldDetails(parsed.error));
  }
  return parsed.data;
}

/** The JSON body; with `empty`, a body of nothing but whitespace reads as that value. */
export async function readJson(c: Context, options: { empty?: unknown } = {}): Promise<unknown> {
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new UnsupportedMediaTypeError('Send JSON with Content-Type: application/json.');
  }
  const text = await c.req.text();
  if (options.empty !== undefined && text.trim() === '') return options.empty;
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('The body is not valid JSON.', { body: 'Malformed JSON.' });
  }
}

/** The string fields of a form post; files and repeated fields are ignored. */
export async function readForm(c: Context): Promise<Record<string, string>> {
  if (!FORM_TYPES.test(c.req.header('content-type') ?? '')) {
    throw new UnsupportedMediaTypeError('Send the form as application/x-www-form-urlencoded.');
  }
  let body: Awaited<ReturnType<typeof c.req.parseBody>>;
  try {
    body = await c.req.parseBody();
  } catch (cause) {
    // A malformed multipart body or broken encoding: the sender's mistake, not ours.
    throw new ValidationError(
      'The form could not be read.',
      { body: 'Malformed form data.' },
      { cause },
    );
  }
  const fields: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') fields[name] = value;
  }
  return fields;
}

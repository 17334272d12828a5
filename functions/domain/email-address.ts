import { createHmac } from 'node:crypto';
import * as z from 'zod/mini';

export const emailSchema = z
  .pipe(
    z
      .string({ error: 'Enter your email address.' })
      .check(
        z.trim(),
        z.minLength(1, 'Enter your email address.'),
        z.maxLength(254, 'That email address is too long.'),
      ),
    z.email({ error: 'Enter a valid email address, like name@example.com.' }),
  )
  // CR/LF can never reach a mail header through an address.
  .check(z.refine((value) => !/[\r\n]/.test(value), 'Enter a valid email address.'));

/** The form of an address used for uniqueness: trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A subscriber's id is a keyed hash of their normalized address: the same person always maps to
 * the same id (uniqueness is one conditional write), and the id reveals nothing of the address.
 */
export function subscriberIdFor(email: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(`subscriber:${normalizeEmail(email)}`)
    .digest('base64url')
    .slice(0, 22);
}

/** Whether `id` has the shape `subscriberIdFor` gives: 22 base64url characters. */
export function isSubscriberId(id: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(id);
}

/** Shows enough of an address for a log line or a page without revealing it. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

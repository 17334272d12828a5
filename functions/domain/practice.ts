import { createHmac } from 'node:crypto';
import { normalizeEmail } from './email-address';

/** A practitioner's practice: its clients and API keys hang from it. */
export interface Practice {
  practiceId: string;
  email: string;
  name?: string;
  createdAt: string;
}

/** A practice's id: a keyed hash of its practitioner's address, so sign-up is one conditional write. */
export function practiceIdFor(email: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(`practice:${normalizeEmail(email)}`)
    .digest('base64url')
    .slice(0, 22);
}

/**
 * Whether an address may sign up as a practitioner. An empty allowlist means sign-up is open;
 * otherwise an entry is a full address (`ana@clinic.example`) or a domain (`clinic.example` or
 * `@clinic.example`).
 */
export function isAllowedPractitioner(email: string, allowlist: readonly string[]): boolean {
  if (allowlist.length === 0) return true;
  const address = normalizeEmail(email);
  const domain = address.split('@')[1] ?? '';
  return allowlist.some((entry) => {
    const rule = entry.trim().toLowerCase().replace(/^@/, '');
    return rule.includes('@') ? rule === address : rule === domain;
  });
}

/** Enrollments made by a practice are their own, beside any the person made themselves. */
export function practiceEnrollmentId(courseId: string, practiceId: string): string {
  return `${courseId}.${practiceId}`;
}

export const LOGIN_TOKEN_TTL_MS = 15 * 60_000;
export const SESSION_TTL_MS = 12 * 3_600_000;

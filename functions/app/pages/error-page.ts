import type { Html } from './layout';
import { messagePage } from './message-page';

const TITLES: Partial<Record<number, string>> = {
  400: 'Something needs fixing',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'This link doesn’t work',
  410: 'This link has expired',
  413: 'That was too much at once',
  415: 'That couldn’t be read',
  429: 'Please slow down',
  503: 'Please try again',
};

const HINTS: Partial<Record<number, string>> = {
  404: 'If you copied it from an email, check that the whole link was copied. Links stop working after you sign out of all links or delete your data.',
  410: 'A confirmation link works for seven days. Sign up again from the home page to get a fresh one. An invitation that has lapsed needs nothing from you.',
};

/** What a person sees when a page cannot be shown: what went wrong, each detail, what to do. */
export function errorPage(
  status: number,
  message: string,
  details: Record<string, string> = {},
): Html {
  const hint = HINTS[status];
  return messagePage(TITLES[status] ?? 'Something went wrong', [
    message,
    ...Object.values(details),
    ...(hint ? [hint] : []),
  ]);
}

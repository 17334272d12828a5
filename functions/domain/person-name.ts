import * as z from 'zod/mini';
import { looksLikeLink, withoutInvisibles } from './user-text';

/** Names are names: at most this many characters. */
export const NAME_MAX = 40;

/** Letters and marks of any script, spaces, hyphens, apostrophes and periods. */
const NAME_CHARACTERS = /^[\p{L}\p{M}][\p{L}\p{M} '’.-]*$/u;

/** Whether `name` is one Mend will print: a name, not a sentence or a link. */
export function isPrintableName(name: string): boolean {
  return name.length <= NAME_MAX && NAME_CHARACTERS.test(name) && !looksLikeLink(name);
}

/** The name to print, or undefined to print none (stored before these rules, or never given). */
export function displayName(name: string | undefined): string | undefined {
  const clean = name === undefined ? '' : withoutInvisibles(name).trim();
  return clean && isPrintableName(clean) ? clean : undefined;
}

/** A person's name as typed into a form or an API call: cleaned, then held to the rules. */
export const personNameSchema = z.pipe(
  z.string({ error: 'The name must be text.' }),
  z.pipe(
    z.transform((name: string) => withoutInvisibles(name).trim()),
    z.string().check(
      z.maxLength(NAME_MAX, `Keep the name to ${NAME_MAX} characters.`),
      z.refine(
        (name) => name === '' || isPrintableName(name),
        'Use letters, spaces, hyphens, apostrophes and periods only.',
      ),
    ),
  ),
);

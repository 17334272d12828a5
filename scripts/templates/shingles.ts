import { createHash } from 'node:crypto';

/** How many words make one shingle: a run this long shared with a source counts as copied. */
export const SHINGLE_WORDS = 8;
/** Hex digits kept of each SHA-256: 64 bits, so a chance match among a few thousand is nil. */
export const FINGERPRINT_HEX_DIGITS = 16;

/**
 * The words of a text as compared: lower case, curly apostrophes straightened then dropped
 * ("you’re" and "you're" are both "youre"), and anything else that is not a letter or digit a
 * word break, so punctuation, markup leftovers and damaged encodings do not hide a copied run.
 */
export function normalizedWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^a-z0-9']+/g, ' ')
    .replace(/'/g, '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/** Every run of `SHINGLE_WORDS` consecutive words, each joined by single spaces. */
export function shinglesOf(text: string): Set<string> {
  const words = normalizedWords(text);
  const runs = new Set<string>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    runs.add(words.slice(i, i + SHINGLE_WORDS).join(' '));
  }
  return runs;
}

/** A one-way fingerprint of one shingle; the text cannot be read back from it. */
export function fingerprint(shingle: string): string {
  return createHash('sha256').update(shingle).digest('hex').slice(0, FINGERPRINT_HEX_DIGITS);
}

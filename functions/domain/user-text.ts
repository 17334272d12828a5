/**
 * Characters that change how text reads without being seen: C0 and C1 controls (but tab and
 * line breaks), bidirectional embeddings, overrides and isolates, line and paragraph separators,
 * the byte-order mark and invisible direction marks. Stripped from everything a person types
 * before it is stored, so nothing stored can reorder or hide what Mend shows around it.
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** What reads as an address or a link: "www.", "://", or a dot between two words ("evil.example"). */
const LINK_LIKE = /:\/\/|www\.|[\p{L}\p{N}]{2,}\.[\p{L}\p{N}]{2,}/iu;

/** Whether text would read as a link or an address: names and notes Mend prints must not. */
export function looksLikeLink(text: string): boolean {
  return LINK_LIKE.test(text);
}

export function withoutInvisibles(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * The words a reader reads in an email's text part: title, greeting, body and questions, but not
 * the footer after the "-- " line, and not bare link addresses.
 */
export function readingWords(text: string): number {
  const footer = text.lastIndexOf('\n-- \n');
  return (footer === -1 ? text : text.slice(0, footer))
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word) && !/^https?:\/\//.test(word)).length;
}

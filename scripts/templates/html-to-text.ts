const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  mdash: '—',
  ndash: '–',
  hellip: '…',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) {
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    }
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Turns the small HTML vocabulary of a stage (headings, paragraphs, lists, quotes, emphasis,
 * links) into readable plain text for the email's text part.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<mj-button [^>]*href="([^"]*)"[^>]*>(.*?)<\/mj-button>/gis, '<p>$2: $1</p>')
    .replace(/<\/?mj-[^>]*>/g, '\n')
    .replace(/\s+/g, ' ')
    .replace(/<h[1-6][^>]*>(.*?)<\/h[1-6]>/gi, (_, heading: string) => {
      const title = heading.replace(/<[^>]+>/g, '').trim();
      return `\n\n${title}\n${'-'.repeat(Math.min(decodeEntities(title).length, 72))}\n\n`;
    })
    .replace(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gi, (_, href: string, label: string) =>
      // A link that shows its own address needs it only once.
      label === href ? href : `${label} (${href})`,
    )
    .replace(/<ol[^>]*>(.*?)<\/ol>/gi, (_, items: string) => {
      let n = 0;
      return `<ol>${items.replace(/<li[^>]*>/gi, () => `\n${++n}. `)}</ol>`;
    })
    .replace(/<li[^>]*>/gi, '\n- ')
    .replace(/<blockquote[^>]*>/gi, '\n\n> ')
    .replace(/<\/(p|ul|ol|blockquote)>/gi, '\n\n')
    .replace(/<(strong|b)>(.*?)<\/\1>/gi, '*$2*')
    .replace(/<(em|i)>(.*?)<\/\1>/gi, '_$2_')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Values for one recipient; a key like `reflectUrl:welcome-why-now` names one question's link. */
export type TemplateValues = Record<string, string>;

const PLACEHOLDER = /\{\{([A-Za-z]+(?::[A-Za-z0-9_-]+)?)\}\}/g;

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Plain text cannot run scripts, but a line break or control character could forge structure. */
function sanitizeText(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point.
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

export class MissingPlaceholderError extends Error {
  override name = 'MissingPlaceholderError';
}

/** A template split once at its placeholders: `text[0] key[0] text[1] key[1] … text[n]`. */
interface SplitTemplate {
  text: string[];
  keys: string[];
}

// Templates are a fixed set loaded at cold start; splitting each once makes every later fill a
// single pass of string joins (see bench/render.ts).
const splitTemplates = new Map<string, SplitTemplate>();
const MAX_SPLIT_TEMPLATES = 1_000;

function splitOnce(template: string): SplitTemplate {
  let parts = splitTemplates.get(template);
  if (!parts) {
    // A bound, in case a caller ever fills templates made on the fly.
    if (splitTemplates.size >= MAX_SPLIT_TEMPLATES) splitTemplates.clear();
    const pieces = template.split(PLACEHOLDER);
    parts = {
      text: pieces.filter((_, i) => i % 2 === 0),
      keys: pieces.filter((_, i) => i % 2 === 1),
    };
    splitTemplates.set(template, parts);
  }
  return parts;
}

/**
 * Fills a compiled template. Every value is escaped for the part it lands in, and a placeholder
 * without a value is an error rather than a silent gap in someone's email.
 */
export function fillTemplate(
  template: string,
  values: TemplateValues,
  part: 'html' | 'text',
): string {
  const { text, keys } = splitOnce(template);
  let out = text[0] as string;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const value = values[key];
    if (value === undefined) throw new MissingPlaceholderError(`No value for {{${key}}}`);
    out += (part === 'html' ? escapeHtml(sanitizeText(value)) : sanitizeText(value)) + text[i + 1];
  }
  return out;
}

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}

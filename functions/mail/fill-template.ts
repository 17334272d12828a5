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

/**
 * Fills a compiled template. Every value is escaped for the part it lands in, and a placeholder
 * without a value is an error rather than a silent gap in someone's email.
 */
export function fillTemplate(
  template: string,
  values: TemplateValues,
  part: 'html' | 'text',
): string {
  return template.replace(PLACEHOLDER, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new MissingPlaceholderError(`No value for {{${key}}}`);
    return part === 'html' ? escapeHtml(sanitizeText(value)) : sanitizeText(value);
  });
}

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}

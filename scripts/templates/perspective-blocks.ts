import { type Perspective, perspectives } from '../../functions/domain/course';
import { TemplateError } from './template-error';

const OPEN = /^\s*\[\[if ([a-z ]+)\]\]\s*$/;
const CLOSE = /^\s*\[\[end\]\]\s*$/;

/**
 * Keeps the `[[if …]]` blocks meant for `perspective` and drops the others. Marker and dropped
 * lines become empty lines, so MJML's line numbers still point into the author's file.
 */
export function selectPerspective(source: string, perspective: Perspective, file: string): string {
  let open: { line: number; keep: boolean } | undefined;
  const lines = source.split('\n').map((line, index) => {
    const lineNumber = index + 1;
    const opening = OPEN.exec(line);
    if (opening) {
      if (open) throw new TemplateError(file, lineNumber, '[[if …]] blocks cannot be nested.');
      const names = (opening[1] as string).trim().split(/\s+/);
      for (const name of names) {
        if (!(perspectives as readonly string[]).includes(name)) {
          throw new TemplateError(
            file,
            lineNumber,
            `Unknown perspective "${name}"; use ${perspectives.join(', ')}.`,
          );
        }
      }
      open = { line: lineNumber, keep: names.includes(perspective) };
      return '';
    }
    if (CLOSE.test(line)) {
      if (!open) throw new TemplateError(file, lineNumber, '[[end]] without [[if …]].');
      open = undefined;
      return '';
    }
    if (line.includes('[[')) {
      throw new TemplateError(file, lineNumber, 'Markers must stand alone on their line.');
    }
    return open && !open.keep ? '' : line;
  });
  if (open) throw new TemplateError(file, open.line, '[[if …]] is never closed with [[end]].');
  return lines.join('\n');
}

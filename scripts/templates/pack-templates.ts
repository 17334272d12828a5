import type { CompiledTemplates } from '../../functions/mail/compiled-templates';
import { mapBodies } from '../../functions/mail/map-bodies';
import type { LineRefs, PackedTemplates } from '../../functions/mail/packed-templates';

/**
 * Stores each distinct line of the compiled emails once. Splitting on '\n' and joining on '\n'
 * give back every string exactly, whatever it contains, so packing changes no byte of any email.
 */
export function packTemplates(templates: CompiledTemplates): PackedTemplates {
  const lines: string[] = [];
  const indexOf = new Map<string, number>();
  const refs = (part: string): LineRefs =>
    part.split('\n').map((line) => {
      let index = indexOf.get(line);
      if (index === undefined) {
        index = lines.push(line) - 1;
        indexOf.set(line, index);
      }
      return index;
    });
  return {
    ...mapBodies(templates, (body) => ({ html: refs(body.html), text: refs(body.text) })),
    lines,
  };
}

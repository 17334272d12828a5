import type { CompiledBody, CompiledTemplates } from './compiled-templates';
import { mapBodies } from './map-bodies';

/** One part of an email as indices into `PackedTemplates.lines`, in order. */
export type LineRefs = number[];

export interface PackedBody {
  html: LineRefs;
  text: LineRefs;
}

/**
 * The compiled templates as bundled: every distinct line of every email is stored once, and each
 * email lists the lines it is made of. The layout's markup, the parts shared by a stage's three
 * perspectives, and MJML's repeated wrappers are thereby stored once instead of once an email.
 */
export interface PackedTemplates extends CompiledTemplates<PackedBody> {
  lines: string[];
}

function joinLines(lines: readonly string[], refs: LineRefs): string {
  return refs.map((ref) => lines[ref]).join('\n');
}

function lazyBody(lines: readonly string[], refs: PackedBody): CompiledBody {
  let html: string | undefined;
  let text: string | undefined;
  // Own getters on a literal, not class accessors, so a spread or JSON.stringify still sees them.
  // Each part is joined at first read and kept, so the send path reads a plain string after that.
  return {
    get html() {
      html ??= joinLines(lines, refs.html);
      return html;
    },
    get text() {
      text ??= joinLines(lines, refs.text);
      return text;
    },
  };
}

/** The templates as the code reads them; each email is put back together when first read. */
export function unpackTemplates(packed: PackedTemplates): CompiledTemplates {
  return mapBodies(packed, (refs) => lazyBody(packed.lines, refs));
}

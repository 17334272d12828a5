import { type BrotliJson, compressJson, inflateJson } from '../runtime/brotli-json';
import type { PackedTemplates } from './packed-templates';

/**
 * The packed templates as the build writes them for the bundles, Brotli-compressed
 * (`brotli-json.ts`): course text compresses about fivefold, so a longer course costs the bundle
 * little; Node's own zlib inflates it once per cold start, in about a millisecond.
 */
export type CompressedTemplates = BrotliJson;

export function compressTemplates(packed: PackedTemplates): CompressedTemplates {
  return compressJson(packed);
}

export function inflateTemplates(file: CompressedTemplates): PackedTemplates {
  return inflateJson<PackedTemplates>(file);
}

import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { PackedTemplates } from './packed-templates';

/**
 * The packed templates as the build writes them for the bundles: Brotli-compressed JSON in
 * base64. Course text compresses about fivefold, so a longer course costs the bundle little; Node's
 * own zlib inflates it once per cold start, in about a millisecond.
 */
export interface CompressedTemplates {
  brotli: string;
}

export function compressTemplates(packed: PackedTemplates): CompressedTemplates {
  const json = Buffer.from(JSON.stringify(packed), 'utf8');
  const compressed = brotliCompressSync(json, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
  return { brotli: compressed.toString('base64') };
}

export function inflateTemplates(file: CompressedTemplates): PackedTemplates {
  return JSON.parse(
    brotliDecompressSync(Buffer.from(file.brotli, 'base64')).toString('utf8'),
  ) as PackedTemplates;
}

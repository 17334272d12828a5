import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/**
 * JSON the build writes for the bundles, Brotli-compressed in base64: text such as courses and
 * API descriptions compresses five- to tenfold, so it costs a bundle little, and Node's own zlib
 * inflates it in about a millisecond when it is first needed.
 */
export interface BrotliJson {
  brotli: string;
}

export function compressJson(value: unknown): BrotliJson {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  const compressed = brotliCompressSync(json, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
  return { brotli: compressed.toString('base64') };
}

export function inflateJson<T>(file: BrotliJson): T {
  return JSON.parse(brotliDecompressSync(Buffer.from(file.brotli, 'base64')).toString('utf8')) as T;
}

import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  FINGERPRINT_HEX_DIGITS,
  fingerprint,
  SHINGLE_WORDS,
  shinglesOf,
} from './templates/shingles';

/**
 * `npm run fingerprints -- <folder>`: reads every `.txt` article in the folder the course was
 * written from and writes the fingerprints of their 8-word runs (hashes only, no text) to
 * tests/templates/seed-fingerprints.json, which the own-words test compares the course against.
 * Run it only when the source articles change; the articles themselves are never committed.
 */
export const FINGERPRINTS_FILE = path.resolve(
  import.meta.dirname,
  '../tests/templates/seed-fingerprints.json',
);

const folder = process.argv[2];
if (!folder) {
  console.error('Usage: npm run fingerprints -- <folder holding the source articles as .txt>');
  process.exit(2);
}
const files = (await readdir(folder)).filter((file) => file.endsWith('.txt')).sort();
if (files.length === 0) {
  console.error(`No .txt articles in ${folder}.`);
  process.exit(1);
}
const hashes = new Set<string>();
for (const file of files) {
  for (const shingle of shinglesOf(await readFile(path.join(folder, file), 'utf8'))) {
    hashes.add(fingerprint(shingle));
  }
}
await writeFile(
  FINGERPRINTS_FILE,
  `${JSON.stringify(
    {
      about: `SHA-256 (first ${FINGERPRINT_HEX_DIGITS} hex digits) of every ${SHINGLE_WORDS}-word run of the articles the course is written from, normalized by scripts/templates/shingles.ts. Hashes only: the articles are not part of this repository. Regenerate with npm run fingerprints -- <folder>.`,
      files: files.length,
      hashes: [...hashes].sort(),
    },
    null,
    2,
  )}\n`,
);
console.log(
  `fingerprints: ${hashes.size} runs of ${SHINGLE_WORDS} words from ${files.length} files`,
);

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpPage } from '../../functions/app/pages/help-page';
import { signupPage } from '../../functions/app/pages/signup-page';
import { perspectives } from '../../functions/domain/course';
import { helpResources } from '../../functions/help/resources';
import { buildTemplates } from '../../scripts/templates/build-all';
import { htmlToText } from '../../scripts/templates/html-to-text';
import { TEMPLATES_DIR } from '../../scripts/templates/render-layout';
import {
  FINGERPRINT_HEX_DIGITS,
  fingerprint,
  SHINGLE_WORDS,
  shinglesOf,
} from '../../scripts/templates/shingles';
import seeds from './seed-fingerprints.json' with { type: 'json' };

const seedHashes = new Set(seeds.hashes);

/** Every string in a JSON document, joined: titles, questions, subjects, resource notes. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The readable text of every template file, each named by its path under templates/. */
async function templateTexts(): Promise<{ name: string; text: string }[]> {
  const files = (await readdir(TEMPLATES_DIR, { recursive: true })).sort();
  const texts: { name: string; text: string }[] = [];
  for (const file of files) {
    const source = await readFile(path.join(TEMPLATES_DIR, file), 'utf8').catch(() => undefined);
    if (source === undefined) continue;
    if (file.endsWith('.mjml')) {
      texts.push({ name: file, text: htmlToText(source.replace(/^\s*\[\[.*\]\]\s*$/gm, '')) });
    } else if (file.endsWith('.json')) {
      // One string at a time, so no run is made up across two unrelated strings.
      stringsIn(JSON.parse(source)).forEach((text, n) => {
        texts.push({ name: `${file} #${n}`, text });
      });
    }
  }
  return texts;
}

/** The emails as readers get them: every stage in every perspective, and the system emails. */
async function emailTexts(): Promise<{ name: string; text: string }[]> {
  const templates = await buildTemplates();
  const texts = templates.courses.flatMap((course) =>
    course.stages.flatMap((stage) =>
      perspectives.map((perspective) => ({
        name: `${course.id}/${stage.id} (${perspective})`,
        text: stage.variants[perspective].text,
      })),
    ),
  );
  for (const [id, email] of Object.entries(templates.system)) {
    texts.push({ name: `system/${id}`, text: `${email.subject}\n${email.text}` });
  }
  return texts;
}

function copiedRuns(texts: { name: string; text: string }[], hashes: Set<string>): string[] {
  return texts.flatMap(({ name, text }) =>
    [...shinglesOf(text)]
      .filter((run) => hashes.has(fingerprint(run)))
      .map((run) => `${name}: “${run}”`),
  );
}

describe('the course is written in its own words', () => {
  it('keeps only hashes of the source articles, enough of them to cover both', () => {
    expect(Object.keys(seeds).sort()).toEqual(['about', 'files', 'hashes']);
    expect(seeds.hashes.length).toBeGreaterThanOrEqual(1_500);
    expect(seedHashes.size).toBe(seeds.hashes.length);
    const shape = new RegExp(`^[0-9a-f]{${FINGERPRINT_HEX_DIGITS}}$`);
    for (const hash of seeds.hashes) expect(hash).toMatch(shape);
  });

  it(`shares no run of ${SHINGLE_WORDS} words with the source articles, in any template file`, async () => {
    expect(copiedRuns(await templateTexts(), seedHashes)).toEqual([]);
  });

  it(`shares no run of ${SHINGLE_WORDS} words with them in any email as sent, questions included`, async () => {
    expect(copiedRuns(await emailTexts(), seedHashes)).toEqual([]);
  });

  it(`shares no run of ${SHINGLE_WORDS} words with them on the sign-up and help pages`, async () => {
    const pages = [
      { name: 'sign-up page', text: htmlToText(String(await signupPage('Repair & Reconnect'))) },
      { name: 'help page', text: htmlToText(String(await helpPage(helpResources))) },
    ];
    for (const page of pages) expect(page.text, page.name).toContain('domestic-abuse service');
    expect(copiedRuns(pages, seedHashes)).toEqual([]);
  });

  it('catches a copied run whatever its case, punctuation or apostrophes', () => {
    const original = 'You’re allowed to take this at whatever pace feels honest to you.';
    const hashes = new Set([...shinglesOf(original)].map(fingerprint));
    const disguised = "YOU'RE allowed — to take this, at whatever pace feels honest?";
    expect(copiedRuns([{ name: 'sample', text: disguised }], hashes)).toHaveLength(3);
    expect(copiedRuns([{ name: 'sample', text: 'You are allowed to go slowly.' }], hashes)).toEqual(
      [],
    );
  });
});

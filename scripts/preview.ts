import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { perspectiveLabels, perspectives } from '../functions/domain/course';
import { escapeHtml, fillTemplate } from '../functions/mail/fill-template';
import { buildTemplates } from './templates/build-all';
import { readingWords } from './templates/reading-words';
import { sampleValues } from './templates/sample-values';

/**
 * `npm run preview`: every stage of every course, each perspective, as HTML and text in
 * preview/, an index.html listing them, and phone (375 px) and desktop (800 px) screenshots
 * taken with headless Chromium.
 */
const OUT = path.resolve(import.meta.dirname, '../preview');
const { CHROMIUM_PATH: CHROMIUM } = await import('./chromium');
const WIDTHS = { phone: 375, desktop: 800 } as const;

interface Entry {
  course: string;
  stage: string;
  perspective: string;
  file: string;
  bytes: number;
  /** Words the reader reads (see reading-words.ts); stages keep to 900. */
  words?: number;
}

const templates = await buildTemplates();
await rm(OUT, { recursive: true, force: true });
const entries: Entry[] = [];
for (const course of templates.courses) {
  await mkdir(path.join(OUT, course.id), { recursive: true });
  for (const [index, stage] of course.stages.entries()) {
    for (const perspective of perspectives) {
      const values = sampleValues(stage);
      const base = `${String(index).padStart(2, '0')}-${stage.id}.${perspective}`;
      const html = fillTemplate(stage.variants[perspective].html, values, 'html');
      const text = fillTemplate(stage.variants[perspective].text, values, 'text');
      await writeFile(path.join(OUT, course.id, `${base}.html`), html);
      await writeFile(path.join(OUT, course.id, `${base}.txt`), text);
      entries.push({
        course: course.title,
        stage: stage.title,
        perspective: perspectiveLabels[perspective],
        file: `${course.id}/${base}`,
        bytes: Buffer.byteLength(html),
        words: readingWords(text),
      });
    }
  }
}
for (const [id, email] of Object.entries(templates.system)) {
  await mkdir(path.join(OUT, 'system'), { recursive: true });
  const html = fillTemplate(email.html, sampleValues(), 'html');
  await writeFile(path.join(OUT, 'system', `${id}.html`), html);
  await writeFile(
    path.join(OUT, 'system', `${id}.txt`),
    fillTemplate(email.text, sampleValues(), 'text'),
  );
  entries.push({
    course: 'System emails',
    stage: email.subject,
    perspective: '',
    file: `system/${id}`,
    bytes: Buffer.byteLength(html),
  });
}

const canShoot = existsSync(CHROMIUM);
const rows = entries.map(
  (
    entry,
  ) => `<tr><td>${escapeHtml(entry.course)}</td><td>${escapeHtml(entry.stage)}</td><td>${escapeHtml(entry.perspective)}</td>
<td>${entry.words === undefined ? '' : `${entry.words} words · `}<a href="${entry.file}.html">HTML</a> (${Math.round(entry.bytes / 1024)} KB) · <a href="${entry.file}.txt">text</a>${
    canShoot
      ? ` · <a href="${entry.file}.phone.png">phone</a> · <a href="${entry.file}.desktop.png">desktop</a>`
      : ''
  }</td></tr>`,
);
await writeFile(
  path.join(OUT, 'index.html'),
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mend email preview</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#2b2a28;background:#f4f1ec}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border-bottom:1px solid #e2dbcf;padding:.4rem .6rem;text-align:left;vertical-align:top}a{color:#2f5a47}</style>
</head><body><main><h1>Mend email preview</h1>
<p>${entries.length} emails, generated ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with sample values.</p>
<table><thead><tr><th scope="col">Course</th><th scope="col">Stage</th><th scope="col">Perspective</th><th scope="col">Files</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></main></body></html>`,
);
console.log(`preview: wrote ${entries.length} emails (HTML + text) to preview/`);

if (!canShoot) {
  console.log(
    `preview: no Chromium at ${CHROMIUM}; skipped screenshots (apt-get install chromium).`,
  );
} else {
  const { launchChromium } = await import('./chromium');
  const browser = await launchChromium();
  try {
    const pages = await Promise.all(
      Object.entries(WIDTHS).map(async ([name, width]) => ({
        name,
        page: await browser.newPage({ viewport: { width, height: 900 } }),
      })),
    );
    let done = 0;
    for (const entry of entries) {
      for (const { name, page } of pages) {
        await page.goto(`file://${path.join(OUT, `${entry.file}.html`)}`);
        await page.screenshot({
          path: path.join(OUT, `${entry.file}.${name}.png`),
          fullPage: true,
        });
      }
      done += 1;
      process.stdout.write(`\rpreview: screenshots ${done}/${entries.length}`);
    }
    process.stdout.write('\n');
  } finally {
    await browser.close();
  }
}
console.log(`preview: open ${path.join(OUT, 'index.html')}`);

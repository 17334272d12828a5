import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildTemplates } from './templates/build-all';
import { packTemplates } from './templates/pack-templates';
import { TemplateError } from './templates/template-error';

const OUT_FILE = path.resolve(import.meta.dirname, '../functions/generated/templates.json');

const kilobytes = (json: string) => `${Math.round(Buffer.byteLength(json) / 1024)} KB`;

try {
  const started = performance.now();
  const templates = await buildTemplates();
  const packed = JSON.stringify(packTemplates(templates));
  await mkdir(path.dirname(OUT_FILE), { recursive: true });
  await writeFile(OUT_FILE, packed);
  const stages = templates.courses.reduce((sum, course) => sum + course.stages.length, 0);
  console.log(
    `templates: ${templates.courses.length} course(s), ${stages} stage(s) × 3 perspectives compiled in ${Math.round(performance.now() - started)} ms; ${kilobytes(packed)} packed (${kilobytes(JSON.stringify(templates))} unpacked)`,
  );
} catch (error) {
  if (error instanceof TemplateError) {
    console.error(`Template error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

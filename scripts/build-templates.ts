import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compressTemplates } from '../functions/mail/compressed-templates';
import { withoutStageBodies } from '../functions/mail/stage-bodies';
import { buildTemplates } from './templates/build-all';
import { packTemplates } from './templates/pack-templates';
import { TemplateError } from './templates/template-error';

const OUT_DIR = path.resolve(import.meta.dirname, '../functions/generated');
const OUT_FILE = path.join(OUT_DIR, 'templates.json');
/** The api function's share: the courses' outline and the system emails, no stage bodies. */
const API_OUT_FILE = path.join(OUT_DIR, 'templates-api.json');

const kilobytes = (json: string) => `${Math.round(Buffer.byteLength(json) / 1024)} KB`;

try {
  const started = performance.now();
  const templates = await buildTemplates();
  const packedTemplates = packTemplates(templates);
  const packedForApiTemplates = packTemplates(
    withoutStageBodies(templates, { html: '', text: '' }),
  );
  const packed = JSON.stringify(packedTemplates);
  const packedForApi = JSON.stringify(packedForApiTemplates);
  const written = JSON.stringify(compressTemplates(packedTemplates));
  const writtenForApi = JSON.stringify(compressTemplates(packedForApiTemplates));
  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(OUT_FILE, written);
  await writeFile(API_OUT_FILE, writtenForApi);
  // The generated document is bundled too; its routes need nothing generated above.
  const openApi = await (await import('./build-openapi')).writeOpenApi(OUT_DIR);
  const stages = templates.courses.reduce((sum, course) => sum + course.stages.length, 0);
  console.log(
    `templates: ${templates.courses.length} course(s), ${stages} stage(s) × 3 perspectives compiled in ${Math.round(performance.now() - started)} ms; ${kilobytes(packed)} packed (${kilobytes(JSON.stringify(templates))} unpacked), ${kilobytes(written)} compressed; ${kilobytes(packedForApi)} for the api (${kilobytes(writtenForApi)} compressed); ${openApi}`,
  );
} catch (error) {
  if (error instanceof TemplateError) {
    console.error(`Template error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

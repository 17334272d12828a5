import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  type CompiledTemplates,
  type SystemEmailId,
  systemEmailIds,
} from '../../functions/mail/compiled-templates';
import { composeText } from './compile-course';
import { htmlToText } from './html-to-text';
import { renderLayout, TEMPLATES_DIR, validateFragment } from './render-layout';
import { TemplateError } from './template-error';

const SYSTEM_DIR = path.join(TEMPLATES_DIR, 'system');
const INDEX_FILE = path.join(SYSTEM_DIR, 'emails.json');
const EYEBROW = 'Mend';

const indexSchema = z.record(
  z.enum(systemEmailIds),
  z.object({
    file: z.string().regex(/^[\w.-]+\.mjml$/),
    subject: z.string().min(1),
    title: z.string().min(1),
    preheader: z.string().min(1),
  }),
);

/** The emails that are not course stages: the confirmation, and the already-subscribed note. */
export async function compileSystemEmails(layout: string): Promise<CompiledTemplates['system']> {
  const parsed = indexSchema.safeParse(JSON.parse(await readFile(INDEX_FILE, 'utf8')));
  if (!parsed.success)
    throw new TemplateError(INDEX_FILE, undefined, z.prettifyError(parsed.error));
  const compiled = {} as CompiledTemplates['system'];
  for (const id of systemEmailIds) {
    const entry = parsed.data[id as SystemEmailId];
    if (!entry) throw new TemplateError(INDEX_FILE, undefined, `missing the "${id}" email`);
    const file = path.join(SYSTEM_DIR, entry.file);
    const body = await readFile(file, 'utf8');
    await validateFragment(body, file);
    compiled[id] = {
      subject: entry.subject,
      html: await renderLayout(layout, {
        language: 'en',
        title: entry.title,
        preheader: entry.preheader,
        eyebrow: EYEBROW,
        bodyMjml: body,
        questionsMjml: '',
        footerLinksHtml: '',
      }),
      text: composeText({
        eyebrow: EYEBROW,
        title: entry.title,
        body: htmlToText(body),
        footerLinks: '',
      }),
    };
  }
  return compiled;
}

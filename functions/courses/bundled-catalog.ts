import packed from '../generated/templates.json' with { type: 'json' };
import { type CompressedTemplates, inflateTemplates } from '../mail/compressed-templates';
import { unpackTemplates } from '../mail/packed-templates';
import { CourseCatalog } from './catalog';

/**
 * The catalog compiled by `npm run build:templates` and bundled into the functions that read
 * courses or send mail. Import it only from an entry point, so a function that needs neither
 * (ses-events) does not carry the templates.
 */
export function bundledCatalog(): CourseCatalog {
  return new CourseCatalog(unpackTemplates(inflateTemplates(packed as CompressedTemplates)));
}

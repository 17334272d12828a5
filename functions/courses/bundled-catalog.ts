import compiled from '../generated/templates.json' with { type: 'json' };
import type { CompiledTemplates } from '../mail/compiled-templates';
import { CourseCatalog } from './catalog';

/** The catalog compiled by `npm run build:templates` and bundled into each function. */
export function bundledCatalog(): CourseCatalog {
  return new CourseCatalog(compiled as unknown as CompiledTemplates);
}

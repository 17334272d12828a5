import packed from '../generated/templates-api.json' with { type: 'json' };
import { type CompressedTemplates, inflateTemplates } from '../mail/compressed-templates';
import { unpackTemplates } from '../mail/packed-templates';
import { STAGE_BODY_NOT_BUNDLED, withoutStageBodies } from '../mail/stage-bodies';
import { CourseCatalog } from './catalog';

/**
 * What the api function bundles instead of the whole catalog: the courses' outline and the
 * system emails. Reading a stage email's body from it throws; the local runtime serves the app
 * with this catalog too, so a route that tried would fail its tests rather than only in AWS.
 */
export function apiCatalog(): CourseCatalog {
  return new CourseCatalog(
    withoutStageBodies(
      unpackTemplates(inflateTemplates(packed as CompressedTemplates)),
      STAGE_BODY_NOT_BUNDLED,
    ),
  );
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { perspectives } from '../../functions/domain/course';
import { helpResources, helpResourcesSchema, resourceKinds } from '../../functions/help/resources';
import { placeholdersIn } from '../../functions/mail/fill-template';
import { buildTemplates } from '../../scripts/templates/build-all';
import { TEMPLATES_DIR } from '../../scripts/templates/render-layout';

const templates = await buildTemplates();

describe('the list of where to find help', () => {
  it('gives every entry a link, a source and the date it was checked, and says to re-check', async () => {
    const raw = JSON.parse(await readFile(path.join(TEMPLATES_DIR, 'help/resources.json'), 'utf8'));
    expect(helpResourcesSchema.safeParse(raw).success).toBe(true);
    expect(helpResources.about).toMatch(/re-check every entry against its source before relying/);
    for (const resource of helpResources.resources) {
      expect(resource.url, resource.name).toMatch(/^https:\/\//);
      expect(resource.source, resource.name).toMatch(/^https?:\/\//);
      expect(resource.checkedOn, resource.name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // Not only one country's services: an international directory, and lines in several places.
    expect(
      helpResources.resources.some((r) => r.kind === 'directory' && r.region === 'International'),
    ).toBe(true);
    for (const kind of resourceKinds.filter((k) => k !== 'directory')) {
      const regions = new Set(
        helpResources.resources.filter((r) => r.kind === kind).map((r) => r.region),
      );
      expect(regions.size, kind).toBeGreaterThanOrEqual(kind === 'own-behaviour' ? 2 : 3);
    }
  });

  it('is linked from the footer of every email, stage or system, in both parts', () => {
    const emails = [
      ...templates.courses.flatMap((course) =>
        course.stages.flatMap((stage) => perspectives.map((p) => stage.variants[p])),
      ),
      ...Object.values(templates.system),
    ];
    for (const email of emails) {
      expect(placeholdersIn(email.html)).toContain('helpUrl');
      expect(email.text).toMatch(
        /\n-- \n[\s\S]*Where to find help, in many countries: \{\{helpUrl\}\}/,
      );
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../functions/courses/bundled-catalog';
import { perspectives } from '../../functions/domain/course';
import {
  type CompiledEmail,
  type CompiledTemplates,
  systemEmailIds,
} from '../../functions/mail/compiled-templates';
import { compressTemplates, inflateTemplates } from '../../functions/mail/compressed-templates';
import { mapBodies } from '../../functions/mail/map-bodies';
import { unpackTemplates } from '../../functions/mail/packed-templates';
import { buildTemplates } from '../../scripts/templates/build-all';
import { packTemplates } from '../../scripts/templates/pack-templates';

/** What mjml compiles right now, straight from the template files. */
const compiled = await buildTemplates();

/** Every email a deployment can send, by name, with its subject, HTML and text. */
function emailsOf(templates: CompiledTemplates): [string, CompiledEmail][] {
  const stages = templates.courses.flatMap((course) =>
    course.stages.flatMap((stage) =>
      perspectives.map((perspective): [string, CompiledEmail] => [
        `${course.id}/${stage.id} (${perspective})`,
        { subject: stage.subject, ...stage.variants[perspective] },
      ]),
    ),
  );
  const system = systemEmailIds.map((id): [string, CompiledEmail] => [
    `system/${id}`,
    templates.system[id],
  ]);
  return [...stages, ...system];
}

/** Through the packed form as it is written to disk and bundled. */
const roundTrip = (templates: CompiledTemplates) =>
  unpackTemplates(JSON.parse(JSON.stringify(packTemplates(templates))));

const expected = new Map(emailsOf(compiled));
const unpacked = new Map(emailsOf(roundTrip(compiled)));

describe('the packed templates', () => {
  it('cover every stage in every perspective and every system email', () => {
    const stages = compiled.courses.reduce((sum, course) => sum + course.stages.length, 0);
    expect(expected.size).toBe(stages * perspectives.length + systemEmailIds.length);
    expect([...unpacked.keys()]).toEqual([...expected.keys()]);
  });

  it.each([...expected.keys()])('%s comes back byte for byte as mjml compiled it', (name) => {
    const want = expected.get(name) as CompiledEmail;
    const got = unpacked.get(name) as CompiledEmail;
    expect(got.subject).toBe(want.subject);
    expect(got.html).toBe(want.html);
    expect(got.text).toBe(want.text);
  });

  it('are what the functions bundle: the generated file gives exactly what mjml compiles', () => {
    const catalog = bundledCatalog();
    const bundled = new Map(
      emailsOf({
        courses: catalog.ids().map((id) => catalog.compiled(id)),
        system: Object.fromEntries(
          systemEmailIds.map((id) => [id, catalog.system(id)]),
        ) as CompiledTemplates['system'],
      }),
    );
    expect([...bundled.keys()]).toEqual([...expected.keys()]);
    for (const [name, want] of expected) {
      const got = bundled.get(name) as CompiledEmail;
      const differs = `${name} differs: is functions/generated stale? Run npm run build:templates.`;
      expect(got.subject === want.subject, differs).toBe(true);
      expect(got.html === want.html, differs).toBe(true);
      expect(got.text === want.text, differs).toBe(true);
    }
  });

  it('store each distinct line once, in well under a third of the unpacked size', () => {
    const packed = packTemplates(compiled);
    expect(new Set(packed.lines).size).toBe(packed.lines.length);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(compiled).length / 3);
  });

  it('give back any text exactly, whatever its line breaks', () => {
    const part = fc.string({ unit: fc.constantFrom('\n', '\r', '\r\n', ' ', 'a', 'é', '{{x}}') });
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 2 * expected.size, maxLength: 2 * expected.size }),
        (parts) => {
          let next = 0;
          const arbitrary = mapBodies(compiled, () => ({
            html: parts[next++] as string,
            text: parts[next++] as string,
          }));
          const want = emailsOf(arbitrary);
          const got = emailsOf(roundTrip(arbitrary));
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('the compressed templates the bundles carry', () => {
  it('inflate to exactly the packed templates', async () => {
    const packed = packTemplates(await buildTemplates());
    const file = compressTemplates(packed);
    expect(file.brotli.length).toBeLessThan(JSON.stringify(packed).length / 3);
    expect(inflateTemplates(JSON.parse(JSON.stringify(file)))).toEqual(packed);
  });
});

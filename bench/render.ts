import { perspectives } from '../functions/domain/course';
import { helpResources } from '../functions/help/resources';
import { fillTemplate } from '../functions/mail/fill-template';
import { unpackTemplates } from '../functions/mail/packed-templates';
import { buildTemplates } from '../scripts/templates/build-all';
import { expandHelpResources } from '../scripts/templates/help-resources-mjml';
import { packTemplates } from '../scripts/templates/pack-templates';
import { sampleValues } from '../scripts/templates/sample-values';
import { type BenchOptions, type BenchResult, parseOptions, printResults } from './lib/report';

/**
 * Render speed: stage emails filled per second from the build-time-compiled templates, packed and
 * unpacked as a Lambda reads them, against compiling the MJML for every email (what a naive
 * sender does), same stages, same data, one core.
 */
export async function benchRender({ quick }: BenchOptions): Promise<BenchResult[]> {
  const templates = unpackTemplates(packTemplates(await buildTemplates()));
  const course = templates.courses[0];
  if (!course) throw new Error('no course to render');
  const jobs = course.stages.flatMap((stage) =>
    perspectives.map((perspective) => ({ stage, variant: stage.variants[perspective] })),
  );

  const fillFor = quick ? 50 : 2_000;
  let filled = 0;
  let started = performance.now();
  while (performance.now() - started < fillFor) {
    for (const { stage, variant } of jobs) {
      const values = sampleValues(stage);
      fillTemplate(stage.subject, values, 'text');
      fillTemplate(variant.html, values, 'html');
      fillTemplate(variant.text, values, 'text');
      filled += 1;
    }
  }
  const fillPerSecond = filled / ((performance.now() - started) / 1000);

  // The naive path: MJML → HTML for each email, then the same fill.
  const { readLayout, renderLayout } = await import('../scripts/templates/render-layout');
  const { readFile } = await import('node:fs/promises');
  const { selectPerspective } = await import('../scripts/templates/perspective-blocks');
  const path = await import('node:path');
  const { COURSES_DIR } = await import('../scripts/templates/build-all');
  const manifest = JSON.parse(
    await readFile(path.join(COURSES_DIR, course.id, 'course.json'), 'utf8'),
  );
  const layout = await readLayout();
  const sources = await Promise.all(
    manifest.stages.map((s: { file: string }) =>
      readFile(path.join(COURSES_DIR, course.id, s.file), 'utf8'),
    ),
  ).then((files) => files.map((file) => expandHelpResources(file, helpResources)));
  const mjmlFor = quick ? 200 : 4_000;
  let compiled = 0;
  started = performance.now();
  while (performance.now() - started < mjmlFor) {
    const index = compiled % course.stages.length;
    const stage = course.stages[index];
    const html = await renderLayout(layout, {
      language: 'en',
      title: stage?.title ?? '',
      preheader: stage?.title ?? '',
      eyebrow: course.title,
      bodyMjml: selectPerspective(sources[index] ?? '', 'mutual', 'bench'),
      questionsMjml: '',
      footerLinksHtml: '',
    });
    fillTemplate(html, sampleValues(stage), 'html');
    compiled += 1;
  }
  const mjmlPerSecond = compiled / ((performance.now() - started) / 1000);
  const speedup = fillPerSecond / mjmlPerSecond;
  return [
    {
      name: 'render speed',
      figure: `${Math.round(fillPerSecond).toLocaleString('en')} emails/s filled vs ${mjmlPerSecond.toFixed(0)}/s with mjml2html per email (${Math.round(speedup)}×)`,
      target: '≥ 20,000/s and ≥ 300×',
      met: fillPerSecond >= 20_000 && speedup >= 300,
      ratio: { label: 'render speed-up (×)', value: speedup, goal: 300 },
    },
  ];
}

if (process.argv[1]?.endsWith('render.ts')) {
  printResults(await benchRender(parseOptions()));
}

import { describe, expect, it } from 'vitest';
import { apiCatalog } from '../../functions/courses/api-catalog';
import { bundledCatalog } from '../../functions/courses/bundled-catalog';
import { systemEmailIds } from '../../functions/mail/compiled-templates';

describe("the api function's catalog", () => {
  const full = bundledCatalog();
  const api = apiCatalog();
  const courseId = 'repair-reconnect';

  it('has every course outline and every system email of the full catalog', () => {
    const outline = (c: typeof full) =>
      c.compiled(courseId).stages.map(({ id, title, subject, questions }) => ({
        id,
        title,
        subject,
        questions,
      }));
    expect(outline(api)).toEqual(outline(full));
    expect(api.course(courseId)).toEqual(full.course(courseId));
    for (const id of systemEmailIds) {
      expect(api.system(id).html).toBe(full.system(id).html);
      expect(api.system(id).text).toBe(full.system(id).text);
    }
  });

  it('refuses, by name, to render a stage email it does not carry', () => {
    const stage = api.compiled(courseId).stages[0];
    expect(() => stage?.variants.hurt.html).toThrow(/not bundled into the api function/);
    expect(() => stage?.variants.caused.text).toThrow(/not bundled into the api function/);
  });
});

import * as z from 'zod/mini';
import data from '../../templates/help/resources.json' with { type: 'json' };

/** The kinds of help, in the order they are listed. */
export const resourceKinds = [
  'directory',
  'domestic-abuse',
  'own-behaviour',
  'crisis',
  'therapy',
] as const;
export type ResourceKind = (typeof resourceKinds)[number];

const webPage = z.url({ protocol: /^https?$/ });
const checkedOn = z.iso.date();

const resourceSchema = z.object({
  name: z.string().check(z.minLength(1)),
  kind: z.enum(resourceKinds),
  what: z.string().check(z.minLength(1)),
  phone: z.optional(z.string().check(z.minLength(1))),
  url: webPage,
  region: z.string().check(z.minLength(1)),
  /** The page the details were compared against. */
  source: webPage,
  checkedOn,
});
export type HelpResource = z.infer<typeof resourceSchema>;

export const helpResourcesSchema = z.object({
  about: z.string(),
  emergency: z.object({
    numbers: z.array(z.object({ region: z.string(), number: z.string() })).check(z.minLength(1)),
    source: webPage,
    checkedOn,
  }),
  kinds: z.record(z.enum(resourceKinds), z.string().check(z.minLength(1))),
  resources: z.array(resourceSchema).check(z.minLength(1)),
});
export type HelpResources = z.infer<typeof helpResourcesSchema>;

/**
 * Where to find help (templates/help/resources.json): one list, rendered into the sign-up page,
 * the /help page and the welcome email, so it is corrected in one place.
 */
export const helpResources: HelpResources = helpResourcesSchema.parse(data);

/** The kinds of help meant for someone who may be unsafe now: everything but therapy. */
export const urgentKinds: readonly ResourceKind[] = [
  'directory',
  'domestic-abuse',
  'own-behaviour',
  'crisis',
];

export function resourcesOfKind(resources: HelpResources, kind: ResourceKind): HelpResource[] {
  return resources.resources.filter((resource) => resource.kind === kind);
}

/** The oldest and newest check of any entry, as ISO dates. */
export function checkedBetween(resources: HelpResources): { oldest: string; newest: string } {
  const dates = [
    resources.emergency.checkedOn,
    ...resources.resources.map((resource) => resource.checkedOn),
  ].sort();
  return { oldest: dates[0] as string, newest: dates.at(-1) as string };
}

/** "on 2026-11-29", or "between … and …" when entries were checked on different days. */
export function checkedPhrase(resources: HelpResources): string {
  const { oldest, newest } = checkedBetween(resources);
  return oldest === newest ? `on ${oldest}` : `between ${oldest} and ${newest}`;
}

/** The emergency numbers as one phrase: "911 in the US and Canada, 999 in the UK, …". */
export function emergencyPhrase(resources: HelpResources): string {
  return resources.emergency.numbers
    .map(({ region, number }) => `${number} in ${region}`)
    .join(', ');
}

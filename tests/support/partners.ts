import { firstLink, type Harness, pathOf } from './harness';

/** A person who signed up through the form and confirmed, with the links of their welcome. */
export interface Member {
  email: string;
  journal: string;
  manage: string;
  partner: string;
  /** The reflect links of the last stage they received, in order. */
  reflect: string[];
}

async function linksOf(h: Harness, email: string): Promise<Member> {
  const stage = (await h.mailTo(email)).filter((m) => m.text.includes('/reflect/')).at(-1);
  if (!stage) throw new Error(`no stage email for ${email}`);
  const text = stage.text;
  return {
    email,
    journal: pathOf(firstLink(text, 'journal')),
    manage: pathOf(firstLink(text, 'manage')),
    partner: pathOf(firstLink(text, 'partner')),
    reflect: [...text.matchAll(/https?:\/\/\S+\/reflect\/[A-Za-z0-9_.-]+/g)].map((m) =>
      pathOf(m[0]),
    ),
  };
}

/** Signs up through the form, confirms, and receives the welcome. */
export async function signUpAndConfirm(
  h: Harness,
  email: string,
  choices: { name?: string; timezone?: string; sendHour?: string } = {},
): Promise<Member> {
  await h.postForm('/subscribe', {
    email,
    name: choices.name ?? '',
    perspective: 'mutual',
    sendHour: choices.sendHour ?? '8',
    timezone: choices.timezone ?? 'Europe/London',
  });
  const confirmation = (await h.mailTo(email)).at(-1);
  await h.postForm(pathOf(firstLink(confirmation?.text ?? '', 'confirm')));
  await h.controls.dispatch();
  return linksOf(h, email);
}

/** Invites `email` from `inviter`'s partner page. */
export function invite(
  h: Harness,
  inviter: Member,
  email: string,
  fields: { name?: string; note?: string } = {},
): Promise<Response> {
  return h.postForm(`${inviter.partner}/invite`, { email, ...fields });
}

/** The invitee opens the newest invitation in their inbox and accepts with their own choices. */
export async function acceptPartnerInvitation(
  h: Harness,
  email: string,
  choices: { timezone?: string; sendHour?: string; perspective?: string } = {},
): Promise<Response> {
  await h.controls.dispatch();
  const invitation = (await h.mailTo(email)).findLast((m) => m.subject.includes('together'));
  if (!invitation) throw new Error(`no partner invitation for ${email}`);
  return h.postForm(pathOf(firstLink(invitation.text, 'confirm')), {
    perspective: choices.perspective ?? 'hurt',
    sendHour: choices.sendHour ?? '8',
    timezone: choices.timezone ?? 'Europe/London',
  });
}

/** The member's current links, from the newest stage email they received. */
export const currentLinks = linksOf;

/** The question a reflect link is for, read from its token's claims. */
export function questionIdOf(reflect: string): string {
  const payload = reflect.split('/').at(-1)?.split('.')[0] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { q: string }).q;
}

/** A member's reflect links by question id. */
export function reflectByQuestion(member: Member): Map<string, string> {
  return new Map(member.reflect.map((link) => [questionIdOf(link), link]));
}

import type { CourseCatalog } from '../courses/catalog';
import type { Perspective } from '../domain/course';
import type { Links } from '../domain/links';
import { displayName } from '../domain/person-name';
import type { CompiledEmail, SystemEmailId } from './compiled-templates';
import { fillTemplate, type TemplateValues } from './fill-template';
import type { MailHeader, OutgoingEmail } from './mailer';

export interface Recipient {
  subscriberId: string;
  email: string;
  firstName?: string;
  tokenVersion: number;
}

export interface MailSettings {
  postalAddress: string;
  /** The public page of helplines and services (`GET /help`), linked from every email. */
  helpUrl: string;
  listUnsubscribeMailto?: string;
}

function fill(
  template: CompiledEmail,
  to: string,
  values: TemplateValues,
  headers: MailHeader[],
): OutgoingEmail {
  return {
    to,
    subject: fillTemplate(template.subject, values, 'text'),
    html: fillTemplate(template.html, values, 'html'),
    text: fillTemplate(template.text, values, 'text'),
    headers,
  };
}

function baseValues(recipient: Pick<Recipient, 'firstName'>, settings: MailSettings) {
  return {
    greetingName: displayName(recipient.firstName) ?? 'there',
    postalAddress: settings.postalAddress,
    helpUrl: settings.helpUrl,
  };
}

/** A system email (see templates/system/emails.json) filled for one recipient. */
export function composeSystemEmail(
  catalog: CourseCatalog,
  settings: MailSettings,
  id: SystemEmailId,
  to: { email: string; firstName?: string },
  values: TemplateValues,
  headers: MailHeader[] = [],
): OutgoingEmail {
  return {
    kind: id,
    ...fill(catalog.system(id), to.email, { ...baseValues(to, settings), ...values }, headers),
  };
}

/** RFC 8058 one-click unsubscribe, plus a mailto for clients that only know RFC 2369. */
export function listUnsubscribeHeaders(unsubscribeUrl: string, mailto?: string): MailHeader[] {
  const targets = [
    `<${unsubscribeUrl}>`,
    ...(mailto ? [`<mailto:${mailto}?subject=unsubscribe>`] : []),
  ];
  return [
    { name: 'List-Unsubscribe', value: targets.join(', ') },
    { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
  ];
}

/** One stage of a course, filled for one person in their perspective, with their own links. */
export function composeStageEmail(
  catalog: CourseCatalog,
  links: Links,
  settings: MailSettings,
  recipient: Recipient,
  perspective: Perspective,
  enrollment: { enrollmentId: string; courseId: string; stageIndex: number },
): OutgoingEmail {
  const stage = catalog.compiled(enrollment.courseId).stages[enrollment.stageIndex];
  if (!stage) throw new RangeError(`Stage ${enrollment.stageIndex} of ${enrollment.courseId}`);
  const { subscriberId, tokenVersion } = recipient;
  const unsubscribeUrl = links.unsubscribe(subscriberId, tokenVersion);
  const values: TemplateValues = {
    ...baseValues(recipient, settings),
    journalUrl: links.journal(subscriberId, tokenVersion),
    manageUrl: links.manage(subscriberId, tokenVersion),
    partnerUrl: links.partner(subscriberId, tokenVersion),
    unsubscribeUrl,
  };
  for (const question of stage.questions) {
    values[`reflectUrl:${question.id}`] = links.reflect(
      subscriberId,
      tokenVersion,
      enrollment.enrollmentId,
      question.id,
    );
  }
  return fill(
    { subject: stage.subject, ...stage.variants[perspective] },
    recipient.email,
    values,
    listUnsubscribeHeaders(unsubscribeUrl, settings.listUnsubscribeMailto),
  );
}

/** A note to an active subscriber that carries their journal and manage links. */
export function composeLinksEmail(
  id: 'already-subscribed' | 'new-links',
  catalog: CourseCatalog,
  links: Links,
  settings: MailSettings,
  recipient: Recipient,
  courseId: string,
): OutgoingEmail {
  const { subscriberId, tokenVersion } = recipient;
  const unsubscribeUrl = links.unsubscribe(subscriberId, tokenVersion);
  return fill(
    catalog.system(id),
    recipient.email,
    {
      ...baseValues(recipient, settings),
      courseTitle: catalog.compiled(courseId).title,
      manageUrl: links.manage(subscriberId, tokenVersion),
      journalUrl: links.journal(subscriberId, tokenVersion),
    },
    listUnsubscribeHeaders(unsubscribeUrl, settings.listUnsubscribeMailto),
  );
}

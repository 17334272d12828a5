import type { CompiledStage } from '../../functions/mail/compiled-templates';
import type { TemplateValues } from '../../functions/mail/fill-template';

export const SAMPLE_BASE_URL = 'https://mend.example';

/** Stand-in values for previews and template tests: every placeholder a stage can use. */
export function sampleValues(stage?: Pick<CompiledStage, 'questions'>): TemplateValues {
  const values: TemplateValues = {
    greetingName: 'Sam',
    postalAddress: 'Mend, 1 Example Street, Exampleton EX1 2MP',
    helpUrl: `${SAMPLE_BASE_URL}/help`,
    journalUrl: `${SAMPLE_BASE_URL}/journal/sample-token`,
    manageUrl: `${SAMPLE_BASE_URL}/manage/sample-token`,
    unsubscribeUrl: `${SAMPLE_BASE_URL}/unsubscribe/sample-token`,
    confirmUrl: `${SAMPLE_BASE_URL}/confirm/sample-token`,
    loginUrl: `${SAMPLE_BASE_URL}/login/sample-token`,
    courseTitle: 'Repair & Reconnect',
    practitionerName: 'Robin Ellis',
    partnerUrl: `${SAMPLE_BASE_URL}/partner/sample-token`,
    inviterName: 'Alex',
    noteLine: 'They added a short note, which you can read on the invitation’s page.',
  };
  for (const question of stage?.questions ?? []) {
    values[`reflectUrl:${question.id}`] = `${SAMPLE_BASE_URL}/reflect/sample-${question.id}`;
  }
  return values;
}

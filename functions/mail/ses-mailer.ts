import type { AwsEndpoint } from '../aws/aws-request';
import { awsRequest } from '../aws/aws-request';
import type { Mailer, OutgoingEmail } from './mailer';

export interface SesMailerOptions {
  from: string;
  configurationSet?: string;
  endpoint: AwsEndpoint;
}

/** Sends through SES v2 with simple content, so SES builds MIME and keeps our headers. */
export class SesMailer implements Mailer {
  constructor(private readonly options: SesMailerOptions) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const { MessageId } = await awsRequest(this.options.endpoint, {
      method: 'POST',
      path: '/v2/email/outbound-emails',
      headers: { 'content-type': 'application/json' },
      body: {
        FromEmailAddress: this.options.from,
        Destination: { ToAddresses: [email.to] },
        ConfigurationSetName: this.options.configurationSet,
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: {
              Html: { Data: email.html, Charset: 'UTF-8' },
              Text: { Data: email.text, Charset: 'UTF-8' },
            },
            Headers: email.headers.map((header) => ({ Name: header.name, Value: header.value })),
          },
        },
      },
    });
    return { messageId: typeof MessageId === 'string' ? MessageId : 'unknown' };
  }
}

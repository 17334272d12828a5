import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer, OutgoingEmail } from './mailer';

export interface SesMailerOptions {
  from: string;
  configurationSet?: string;
  client: SESv2Client;
}

/** Sends through SES v2 with simple content, so SES builds MIME and keeps our headers. */
export class SesMailer implements Mailer {
  constructor(private readonly options: SesMailerOptions) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const { MessageId } = await this.options.client.send(
      new SendEmailCommand({
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
      }),
    );
    return { messageId: MessageId ?? 'unknown' };
  }
}

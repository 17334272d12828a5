import { ArnFormat, Stack } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  Identity,
  MailFromBehaviorOnMxFailure,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface SenderProps {
  /** The domain mail is sent from; its identity is created here with Easy DKIM. */
  domain: string;
  /** The custom MAIL FROM domain (a subdomain of `domain`): its MX and SPF records align SPF. */
  mailFromDomain: string;
  /** The one mailbox the functions may send from (the From address, without its name). */
  fromMailbox: string;
  /** Use the domain's identity that already exists in the account and region. */
  existingIdentity?: boolean;
}

/**
 * The SES side of sending: a configuration set and the sender domain's identity (Easy DKIM;
 * publish the three CNAME records in `dkimRecords` to verify it) with a custom MAIL FROM domain
 * (publish `mailFromRecords`). Until the MX record resolves, SES falls back to amazonses.com.
 */
export class Sender extends Construct {
  readonly configurationSet: ConfigurationSet;
  /** Absent when the stack uses an identity that already exists. */
  readonly identity?: EmailIdentity;
  /** Any identity of the account in this region: in the sandbox SES also checks the recipient's. */
  readonly identitiesArn: string;
  readonly configurationSetArn: string;
  private readonly fromMailbox: string;
  /** The MX and SPF TXT records the MAIL FROM domain needs, as `name TYPE value` lines. */
  readonly mailFromRecords: { mx: string; spf: string };

  constructor(scope: Construct, id: string, props: SenderProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.fromMailbox = props.fromMailbox;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      // Mail to a server that cannot take it over TLS is not sent: answers may be sensitive.
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    if (!props.existingIdentity) {
      this.identity = new EmailIdentity(this, 'Identity', {
        identity: Identity.domain(props.domain),
        configurationSet: this.configurationSet,
        mailFromDomain: props.mailFromDomain,
        mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
      });
    }
    this.mailFromRecords = {
      mx: `${props.mailFromDomain} MX 10 feedback-smtp.${stack.region}.amazonses.com`,
      spf: `${props.mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`,
    };

    this.identitiesArn = stack.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: '*',
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    this.configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  /**
   * `ses:SendEmail` from the one From address, through this configuration set. SES checks the
   * action against every identity a send involves, and in the sandbox that includes the verified
   * recipient's: so the resource is any identity of the account, held to our From address by the
   * `ses:FromAddress` condition. This works in and out of the sandbox.
   */
  grantSend(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [this.identitiesArn, this.configurationSetArn],
        conditions: { StringEquals: { 'ses:FromAddress': this.fromMailbox } },
      }),
    );
  }
}

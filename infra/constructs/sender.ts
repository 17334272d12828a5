import { ArnFormat, Stack } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  ConfigurationSet,
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
}

/**
 * The SES side of sending: a configuration set and the sender domain's identity (Easy DKIM;
 * publish the three CNAME records in `dkimRecords` to verify it) with a custom MAIL FROM domain
 * (publish `mailFromRecords`). Until the MX record resolves, SES falls back to amazonses.com.
 */
export class Sender extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly identity: EmailIdentity;
  /** Built from the domain, not read from the identity, so the grant names exactly that domain. */
  readonly identityArn: string;
  readonly configurationSetArn: string;
  /** The MX and SPF TXT records the MAIL FROM domain needs, as `name TYPE value` lines. */
  readonly mailFromRecords: { mx: string; spf: string };

  constructor(scope: Construct, id: string, props: SenderProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.domain(props.domain),
      configurationSet: this.configurationSet,
      mailFromDomain: props.mailFromDomain,
      mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
    });
    this.mailFromRecords = {
      mx: `${props.mailFromDomain} MX 10 feedback-smtp.${stack.region}.amazonses.com`,
      spf: `${props.mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`,
    };

    this.identityArn = stack.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: props.domain,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    this.configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  /** `ses:SendEmail` through this identity and configuration set, nothing wider. */
  grantSend(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [this.identityArn, this.configurationSetArn],
      }),
    );
  }
}

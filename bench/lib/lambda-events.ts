import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The events Lambda hands each function, in AWS's own shapes, for invoking a bundle's handler
 * as Lambda would: an API Gateway HTTP API request (payload format 2.0), an EventBridge schedule,
 * an SNS notification carrying an SES record.
 */
const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const FIXTURES = path.resolve(import.meta.dirname, '../../tests/fixtures/ses');

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  /** Sent as JSON. */
  json?: unknown;
  /** The caller's address, as API Gateway sees it. */
  sourceIp?: string;
}

/** An API Gateway HTTP API event, payload format 2.0, for a request to `mend.example`. */
export function httpApiEvent(request: HttpRequest, requestId: string) {
  const body = request.json === undefined ? undefined : JSON.stringify(request.json);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: request.path,
    rawQueryString: '',
    headers: {
      accept: '*/*',
      host: 'mend.example',
      'user-agent': 'mend-bench',
      'x-forwarded-proto': 'https',
      ...(body === undefined
        ? {}
        : { 'content-type': 'application/json', 'content-length': String(body.length) }),
    },
    requestContext: {
      accountId: ACCOUNT,
      apiId: 'bench',
      domainName: 'mend.example',
      domainPrefix: 'mend',
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '198.51.100.1',
        userAgent: 'mend-bench',
      },
      requestId,
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  };
}

/** What EventBridge sends a function on a schedule. */
export function scheduledEvent(id: string) {
  return {
    version: '0',
    id,
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: ACCOUNT,
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: REGION,
    resources: [`arn:aws:events:${REGION}:${ACCOUNT}:rule/mend-dispatch`],
    detail: {},
  };
}

/**
 * SES's permanent-bounce record (tests/fixtures/ses) for `recipient`, inside the SNS event Lambda
 * receives from the topic SES publishes to.
 */
export function snsBounceEvent(recipient: string, messageId: string) {
  const record = JSON.parse(readFileSync(path.join(FIXTURES, 'bounce-permanent.json'), 'utf8'));
  record.bounce.bouncedRecipients[0].emailAddress = recipient;
  record.mail.destination = [recipient];
  record.mail.commonHeaders.to = [recipient];
  const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:mend-ses-events`;
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${messageId}`,
        Sns: {
          Type: 'Notification',
          MessageId: messageId,
          TopicArn: topicArn,
          Subject: null,
          Message: JSON.stringify(record),
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: 'bench',
          SigningCertUrl: `https://sns.${REGION}.amazonaws.com/bench.pem`,
          UnsubscribeUrl: `https://sns.${REGION}.amazonaws.com/?Action=Unsubscribe`,
          MessageAttributes: {},
        },
      },
    ],
  };
}

import { randomUUID } from 'node:crypto';

/** The event shapes AWS delivers to each function, as documented for Lambda. */

export interface HttpRequest {
  method: string;
  /** The path, optionally with `?query`: split into `rawPath` and `rawQueryString` as API Gateway does. */
  path: string;
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string;
  /** API Gateway base64-encodes bodies it does not consider text, such as form posts. */
  base64?: boolean;
}

/** An API Gateway HTTP API event, payload format 2.0. */
export function httpApiEvent(apiEndpoint: string, request: HttpRequest) {
  const domainName = new URL(apiEndpoint).host;
  const [rawPath = '/', rawQueryString = ''] = request.path.split('?');
  const query = new URLSearchParams(rawQueryString);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    ...(request.cookies?.length ? { cookies: request.cookies } : {}),
    headers: {
      accept: '*/*',
      host: domainName,
      'user-agent': 'Mozilla/5.0 (lambda-shaped test)',
      'x-amzn-trace-id': `Root=1-${randomUUID().slice(0, 8)}-000000000000000000000000`,
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...(request.body !== undefined
        ? { 'content-length': String(Buffer.byteLength(request.body)) }
        : {}),
      ...request.headers,
    },
    ...(rawQueryString ? { queryStringParameters: Object.fromEntries(query) } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: domainName.split('.')[0],
      domainName,
      domainPrefix: domainName.split('.')[0],
      http: {
        method: request.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'Mozilla/5.0 (lambda-shaped test)',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(request.body !== undefined
      ? {
          body: request.base64 ? Buffer.from(request.body).toString('base64') : request.body,
          isBase64Encoded: request.base64 ?? false,
        }
      : { isBase64Encoded: false }),
  };
}

/** What the HTTP API integration expects back (payload 2.0). */
export interface HttpApiResult {
  statusCode: number;
  headers: Record<string, string>;
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
}

/** The event an EventBridge schedule rule without an input sends its target. */
export function scheduledEvent(region: string, ruleName = 'Mend-dev-DispatchSchedule') {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [`arn:aws:events:${region}:123456789012:rule/${ruleName}`],
    detail: {},
  };
}

/** An SNS notification, as Lambda receives it from a topic subscription, carrying `message`. */
export function snsEvent(region: string, message: unknown) {
  const topicArn = `arn:aws:sns:${region}:123456789012:Mend-dev-SesFeedback`;
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: topicArn,
          Subject: null,
          Message: JSON.stringify(message),
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: 'EXAMPLE',
          SigningCertUrl: `https://sns.${region}.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem`,
          UnsubscribeUrl: `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topicArn}:0`,
          MessageAttributes: {},
        },
      },
    ],
  };
}

/** An SES event record as SES puts it on the default EventBridge bus (what the stack routes). */
export function sesEventBridgeEvent(region: string, record: { eventType?: string }) {
  const detailTypes: Record<string, string> = {
    Bounce: 'Email Bounced',
    Complaint: 'Email Complaint Received',
    Reject: 'Email Rejected',
    Delivery: 'Email Delivered',
  };
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': detailTypes[record.eventType ?? ''] ?? 'Email Sent',
    source: 'aws.ses',
    account: '123456789012',
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [`arn:aws:ses:${region}:123456789012:configuration-set/mend-dev`],
    detail: record,
  };
}

import * as z from 'zod/mini';

/**
 * SES event notifications in AWS's own shapes: configuration-set records (`eventType`) and the
 * older identity notifications (`notificationType`), bare, inside an SNS message (as a Lambda
 * SNS event or a raw SNS envelope), or as an EventBridge event's `detail`.
 */
const recipients = z.array(z.looseObject({ emailAddress: z.string() }));

const sesRecord = z.looseObject({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  mail: z.looseObject({
    messageId: z.optional(z.string()),
    destination: z.optional(z.array(z.string())),
  }),
  bounce: z.optional(z.looseObject({ bounceType: z.string(), bouncedRecipients: recipients })),
  complaint: z.optional(z.looseObject({ complainedRecipients: recipients })),
});

const snsLambdaEvent = z.looseObject({
  Records: z
    .array(z.looseObject({ Sns: z.looseObject({ Message: z.string() }) }))
    .check(z.minLength(1)),
});
const snsEnvelope = z.looseObject({ Type: z.literal('Notification'), Message: z.string() });
const eventBridgeEvent = z.looseObject({ source: z.literal('aws.ses'), detail: z.unknown() });

export type SesOutcome =
  | { kind: 'permanent-bounce'; recipients: string[] }
  | { kind: 'transient-bounce'; recipients: string[] }
  | { kind: 'complaint'; recipients: string[] }
  | { kind: 'delivery' | 'reject' | 'other'; type: string };

export class MalformedSesEventError extends Error {
  override name = 'MalformedSesEventError';
}

function toOutcome(record: z.infer<typeof sesRecord>): SesOutcome {
  const type = record.eventType ?? record.notificationType ?? 'unknown';
  if (type === 'Bounce' && record.bounce) {
    const addresses = record.bounce.bouncedRecipients.map((r) => r.emailAddress);
    return record.bounce.bounceType === 'Permanent'
      ? { kind: 'permanent-bounce', recipients: addresses }
      : { kind: 'transient-bounce', recipients: addresses };
  }
  if (type === 'Complaint' && record.complaint) {
    return {
      kind: 'complaint',
      recipients: record.complaint.complainedRecipients.map((r) => r.emailAddress),
    };
  }
  if (type === 'Delivery') return { kind: 'delivery', type };
  if (type === 'Reject') return { kind: 'reject', type };
  return { kind: 'other', type };
}

function parseMessage(message: string): unknown {
  try {
    return JSON.parse(message);
  } catch (cause) {
    throw new MalformedSesEventError('SNS message is not JSON', { cause });
  }
}

function parseRecord(raw: unknown): SesOutcome {
  const parsed = sesRecord.safeParse(raw);
  if (!parsed.success) throw new MalformedSesEventError('not an SES event record');
  if (!parsed.data.eventType && !parsed.data.notificationType) {
    throw new MalformedSesEventError('SES record without eventType or notificationType');
  }
  return toOutcome(parsed.data);
}

/** Every SES record in `input`, whatever envelope it came in. Throws only MalformedSesEventError. */
export function parseSesEvent(input: unknown): SesOutcome[] {
  const lambda = snsLambdaEvent.safeParse(input);
  if (lambda.success)
    return lambda.data.Records.map((r) => parseRecord(parseMessage(r.Sns.Message)));
  const envelope = snsEnvelope.safeParse(input);
  if (envelope.success) return [parseRecord(parseMessage(envelope.data.Message))];
  const bridge = eventBridgeEvent.safeParse(input);
  if (bridge.success) return [parseRecord(bridge.data.detail)];
  return [parseRecord(input)];
}

import * as z from 'zod/mini';

const storedEmail = z.object({
  messageId: z.string(),
  from: z.string(),
  destination: z.object({ to: z.array(z.string()) }),
  subject: z.string(),
  body: z.object({ html: z.optional(z.string()), text: z.optional(z.string()) }),
  headers: z.optional(z.array(z.object({ name: z.string(), value: z.string() }))),
  at: z.number(),
});

const storeResponse = z.object({ emails: z.array(storedEmail) });

export interface OutboxEmail {
  id: string;
  to: string[];
  from: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  sentAt: string;
}

/** Reads what the local SES server captured, oldest first. */
export async function readOutbox(sesEndpoint: string): Promise<OutboxEmail[]> {
  const response = await fetch(`${sesEndpoint}/store`);
  if (!response.ok) throw new Error(`local SES answered ${response.status}`);
  const { emails } = storeResponse.parse(await response.json());
  return emails.map((email) => ({
    id: email.messageId,
    to: email.destination.to,
    from: email.from,
    subject: email.subject,
    html: email.body.html ?? '',
    text: email.body.text ?? '',
    headers: Object.fromEntries((email.headers ?? []).map((h) => [h.name, h.value])),
    sentAt: new Date(email.at * 1000).toISOString(),
  }));
}

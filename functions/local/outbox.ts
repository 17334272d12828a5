import { z } from 'zod';

const storedEmail = z.object({
  messageId: z.string(),
  from: z.string(),
  destination: z.object({ to: z.array(z.string()) }),
  subject: z.string(),
  body: z.object({ html: z.string().optional(), text: z.string().optional() }),
  headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
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

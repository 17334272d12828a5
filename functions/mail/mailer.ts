export interface MailHeader {
  name: string;
  value: string;
}

export interface OutgoingEmail {
  /** Which system email this is (`invitation`, `login` …); absent for course stages. */
  kind?: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: MailHeader[];
}

/** Sends one email; the SES v2 adapter implements it. */
export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

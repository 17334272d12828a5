import { firstLink, type Harness, pathOf } from './harness';

export interface PracticeClient {
  cookie: string;
  get(path: string): Promise<Response>;
  post(path: string, fields?: Record<string, string>): Promise<Response>;
}

/** Signs a practitioner in the way a person would: by the link in the email. */
export async function signInPractice(h: Harness, email: string): Promise<PracticeClient> {
  const before = (await h.mailTo(email)).length;
  const requested = await h.postJson('/api/practitioners/login', { email });
  if (requested.status !== 202) throw new Error(`login request answered ${requested.status}`);
  const mail = await h.mailTo(email);
  if (mail.length !== before + 1) throw new Error('no sign-in email arrived');
  const link = firstLink(mail.at(-1)?.text ?? '', 'login');
  const response = await h.postForm(pathOf(link));
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (!cookie.startsWith('mend_session=')) throw new Error('no session cookie');
  const headers = { cookie, origin: h.url };
  return {
    cookie,
    get: (path) => fetch(new URL(path, h.url), { headers, redirect: 'manual' }),
    post: (path, fields = {}) =>
      fetch(new URL(path, h.url), {
        method: 'POST',
        redirect: 'manual',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      }),
  };
}

/** The client accepts the invitation in their inbox, choosing a sharing default. */
export async function acceptInvitation(
  h: Harness,
  email: string,
  share: 'yes' | 'no',
  choices: Record<string, string> = {},
): Promise<Response> {
  const invitationIn = async () =>
    (await h.mailTo(email)).find((mail) => mail.subject.includes('invited you'));
  // Invitations go out with the dispatcher's next run.
  let invitation = await invitationIn();
  if (!invitation) {
    await h.controls.dispatch();
    invitation = await invitationIn();
  }
  if (!invitation) throw new Error(`no invitation for ${email}`);
  return h.postForm(pathOf(firstLink(invitation.text, 'confirm')), {
    share,
    perspective: 'hurt',
    sendHour: '8',
    timezone: 'Europe/London',
    ...choices,
  });
}

/** A new API key of the signed-in practice, as the keys page would make one. */
export async function createApiKey(h: Harness, practice: PracticeClient): Promise<string> {
  const made = await fetch(new URL('/api/keys', h.url), {
    method: 'POST',
    headers: { cookie: practice.cookie, origin: h.url, 'content-type': 'application/json' },
    body: '{}',
  });
  if (made.status !== 201 && made.status !== 200) throw new Error(`key: ${made.status}`);
  return ((await made.json()) as { key: string }).key;
}

/** A call to the JSON API with a practice's API key, as the practitioner's own software makes it. */
export function callWithKey(
  h: Harness,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(new URL(path, h.url), {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

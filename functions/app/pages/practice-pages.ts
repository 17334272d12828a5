import { html } from 'hono/html';
import type { Practice } from '../../domain/practice';
import type { EnrollOutcome } from '../../services/enroll-client';
import type {
  ClientRow,
  ClientStatus,
  PairView,
  SharedStage,
} from '../../services/practice-clients';
import { errorSummary, type Html, page } from './layout';

const STATUS: Record<ClientStatus, string> = {
  invited: 'Invited',
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
  unsubscribed: 'Unsubscribed',
  bounced: 'Bounced',
  complained: 'Marked as spam',
  ended: 'Ended',
  deleted: 'Deleted their data',
};

const ENROLLED: Record<EnrollOutcome, string> = {
  invited:
    'Invitation on its way: it goes out within minutes. They appear as “Invited” until they accept.',
  'already-enrolled': 'This client is already in your practice; nothing was sent.',
};

const PAIRED = 'Invitations on their way to both; each client accepts on their own.';

/** The pair form's fields: this, then the field's path in `enrollPairSchema`. */
export const PAIR = 'pair-';

/** How a pair the practice made stands, on its client's page. */
const PAIR_STATUS: Record<PairView['status'], string> = {
  waiting: 'waiting for both to accept',
  together: 'together',
  paused: 'paused',
  ended: 'ended',
};

/** What the enroll form offers: the courses, and the pace it starts from. */
export interface EnrollForm {
  courses: { id: string; title: string }[];
  defaultCadenceDays: number;
}

function when(date: Date | undefined, timeZone = 'UTC'): string {
  if (!date) return '—';
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

function signOutForm(): Html {
  return html`<form method="post" action="/practice/logout" class="inline"><button type="submit" class="quiet">Sign out</button></form>`;
}

export function practiceLoginPage(sent = false, details?: Record<string, string>): Html {
  return page(
    'Practitioner sign-in',
    html`<h1>Sign in to your practice</h1>
${
  sent
    ? html`<p class="notice" role="status">If this address may use Mend, a sign-in link is on its way. It works once, for 15 minutes.</p>`
    : html`<p class="lede">We email you a link; there is no password to remember.</p>`
}
${errorSummary(details)}
<form method="post" action="/practice/login" novalidate>
  <label for="email">Your work email address</label>
  <input type="email" id="email" name="email" autocomplete="email" required>
  <button type="submit">Email me a sign-in link</button>
</form>`,
  );
}

export function magicLinkPage(): Html {
  return page(
    'Sign in',
    html`<h1>Sign in to your practice</h1>
<p>Press the button to finish signing in on this device.</p>
<form method="post"><button type="submit">Sign in</button></form>`,
  );
}

function statusOf(row: ClientRow): string {
  if (row.status !== 'paused') return STATUS[row.status];
  if (row.pausedBy === 'client') return 'Paused by the client';
  if (row.pausedBy === 'partner') return 'Paused by their partner';
  return STATUS[row.status];
}

function progress(row: ClientRow): Html {
  const sent = Math.min(row.stagesSent, row.stageCount);
  return html`<progress max="${row.stageCount}" value="${sent}" aria-label="Stage ${sent} of ${row.stageCount}"></progress> <span class="meta">Stage ${sent} of ${row.stageCount}</span>`;
}

export function dashboardPage(
  practice: Practice,
  rows: ClientRow[],
  form: EnrollForm,
  options: {
    enrolled?: EnrollOutcome;
    details?: Record<string, string>;
    values?: Record<string, string>;
    /** The pair form: enrolled, or its problems and what was typed. */
    paired?: boolean;
    pairDetails?: Record<string, string>;
    pairValues?: Record<string, string>;
  } = {},
): Html {
  const v = options.values ?? {};
  return page(
    'Your clients',
    html`<div class="bar"><p class="meta">Signed in as ${practice.email}</p><a href="/practice/keys">API keys</a>${signOutForm()}</div>
<h1>Your clients</h1>
${options.enrolled ? html`<p class="notice" role="status">${ENROLLED[options.enrolled]}</p>` : ''}
${options.paired ? html`<p class="notice" role="status">${PAIRED}</p>` : ''}
${rows.length === 0 ? html`<p class="notice">No clients yet. Enroll your first one below.</p>` : ''}
<ul class="clients">
${rows.map(
  (row) => html`<li class="client">
  <h2><a href="/practice/clients/${row.clientId}">${row.name ?? 'Former client'}</a></h2>
  <p class="meta">${row.email ?? ''} · ${row.courseTitle}</p>
  <p>${progress(row)}</p>
  <dl>
    <dt>Status</dt><dd>${statusOf(row)}</dd>
    <dt>Next email</dt><dd>${row.nextEmailAt ? `${when(row.nextEmailAt, row.timeZone)} (${row.timeZone})` : '—'}</dd>
    <dt>Last answer</dt><dd>${row.lastAnswerAt ? row.lastAnswerAt.slice(0, 10) : '—'}</dd>
    <dt>Shared answers</dt><dd>${row.sharedAnswers}</dd>
  </dl>
</li>`,
)}
</ul>
<h2 id="enroll">Enroll a client</h2>
<p class="meta">They get an invitation naming you; nothing else is sent until they accept and choose whether to share their answers with you.</p>
${errorSummary(options.details)}
<form method="post" action="/practice/clients" novalidate>
  <label for="client-name">Name</label>
  <input type="text" id="client-name" name="name" required maxlength="40" value="${v.name ?? ''}">
  <label for="client-email">Email address</label>
  <input type="email" id="client-email" name="email" required value="${v.email ?? ''}">
  ${termsFields(form, v)}
  <label for="startDate">Start date <span class="hint">YYYY-MM-DD; today if left empty.</span></label>
  <input type="text" id="startDate" name="startDate" placeholder="2026-12-01" value="${v.startDate ?? ''}">
  <button type="submit">Send the invitation</button>
</form>
${pairForm(form, options.pairDetails, options.pairValues)}
<h2 id="import">Enroll many from a CSV file</h2>
<p class="meta">First row <code>email,name,cadenceDays,startDate</code>, then one client a row (up to 1,000). You get a report of each row; uploading the same file again adds no one twice.</p>
<form method="post" action="/practice/clients/import" enctype="multipart/form-data">
  <label for="csv-file">CSV file</label>
  <input type="file" id="csv-file" name="file" accept=".csv,text/csv" required>
  <button type="submit">Upload and enroll</button>
</form>`,
  );
}

/** The course and its pace, in both enroll forms; `p` prefixes the pair form's fields. */
function termsFields(form: EnrollForm, v: Record<string, string>, p = ''): Html {
  return html`<label for="${p}courseId">Course</label>
  <select id="${p}courseId" name="${p}courseId">${form.courses.map((course) => html`<option value="${course.id}">${course.title}</option>`)}</select>
  <label for="${p}cadenceDays">Days between stages</label>
  <input type="text" inputmode="numeric" id="${p}cadenceDays" name="${p}cadenceDays" value="${v[`${p}cadenceDays`] ?? form.defaultCadenceDays}">
  <label class="choice"><input type="checkbox" name="${p}paceByAnswers"> Pace by answers: wait for an answer before the next stage</label>`;
}

/** Two new clients as a pair; its fields are `pair-` and the path in `enrollPairSchema`. */
function pairForm(
  form: EnrollForm,
  details: Record<string, string> | undefined,
  v: Record<string, string> = {},
): Html {
  const person = (n: 0 | 1) => {
    const [which, name, email] = [
      n ? 'Second' : 'First',
      `${PAIR}clients.${n}.name`,
      `${PAIR}clients.${n}.email`,
    ];
    return html`<label for="${name}">${which} client’s name</label>
  <input type="text" id="${name}" name="${name}" required maxlength="40" value="${v[name] ?? ''}">
  <label for="${email}">${which} client’s email address</label>
  <input type="email" id="${email}" name="${email}" required value="${v[email] ?? ''}">`;
  };
  return html`<h2 id="enroll-pair">Enroll two clients as a pair</h2>
<p class="meta">Each gets their own invitation and chooses what to share with you. They are paired once both accept; what they share with each other you never see.</p>
${errorSummary(details)}
<form method="post" action="/practice/clients/pair" id="${PAIR}form" novalidate>
  ${person(0)}
  ${person(1)}
  ${termsFields(form, v, PAIR)}
  <button type="submit">Send both invitations</button>
</form>`;
}

export function clientPage(
  row: ClientRow,
  stages: SharedStage[],
  notice?: string,
  pair?: PairView,
): Html {
  const active = row.status === 'active';
  const paused = row.status === 'paused';
  // A pause the client (or their partner) made is theirs to end.
  const resumable = paused && row.pausedBy !== 'client' && row.pausedBy !== 'partner';
  return page(
    row.name ?? 'Former client',
    html`<p><a href="/practice">← All clients</a></p>
<h1>${row.name ?? 'Former client'}</h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<p class="meta">${row.email ?? ''} · ${row.courseTitle} · ${statusOf(row)}</p>
${pair ? html`<p class="meta">Paired: ${PAIR_STATUS[pair.status]}</p>` : ''}
<p>${progress(row)}</p>
<p>Next email: ${row.nextEmailAt ? `${when(row.nextEmailAt, row.timeZone)} (${row.timeZone})` : '—'}. Every ${row.cadenceDays} day(s)${row.paceByAnswers ? ', paced by answers' : ''}.</p>
${active ? html`<form method="post"><input type="hidden" name="action" value="pause"><button type="submit" class="quiet">Pause</button></form>` : ''}
${resumable ? html`<form method="post"><input type="hidden" name="action" value="resume"><button type="submit">Resume</button></form>` : ''}
${
  active || paused || row.status === 'invited'
    ? html`<form method="post"><input type="hidden" name="action" value="pace">
  <label for="pace">Days between stages</label>
  <input type="text" inputmode="numeric" id="pace" name="cadenceDays" value="${row.cadenceDays}">
  <button type="submit" class="quiet">Change pace</button></form>`
    : ''
}
${active || paused ? html`<form method="post"><input type="hidden" name="action" value="end"><button type="submit" class="quiet">End the enrollment</button> <span class="hint">The client is told by email.</span></form>` : ''}
<h2>Shared answers</h2>
${stages.length === 0 ? html`<p class="notice">Nothing shared yet. Clients choose, answer by answer, what you see.</p>` : ''}
${stages.map(
  (stage) => html`<section class="stage"><h3>${stage.title}</h3>
${stage.answers.map((answer) => html`<p class="question">${answer.question}</p><div class="answer">${answer.text}</div><p class="meta">${answer.updatedAt.slice(0, 10)}</p>`)}
</section>`,
)}`,
  );
}
